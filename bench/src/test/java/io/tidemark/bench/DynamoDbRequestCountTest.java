package io.tidemark.bench;

import io.tidemark.bench.backend.Backend;
import io.tidemark.bench.backend.DynamoDbBackend;

/**
 * The request-count targets on dynalite over HTTP, counted by an SDK execution interceptor.
 */
class DynamoDbRequestCountTest extends RequestCountContract {

    @Override
    protected Backend startBackend() {
        return DynamoDbBackend.start();
    }
}

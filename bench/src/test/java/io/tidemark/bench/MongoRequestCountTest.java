package io.tidemark.bench;

import io.tidemark.bench.backend.Backend;
import io.tidemark.bench.backend.MongoBackend;

/** The request-count targets on mongo-java-server, counted by the driver's command listener. */
class MongoRequestCountTest extends RequestCountContract {

    @Override
    protected Backend startBackend() {
        return MongoBackend.start();
    }
}

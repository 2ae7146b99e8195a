package io.tidemark.adapter.couchbase.testing;

import com.couchbase.client.core.cnc.RequestSpan;
import com.couchbase.client.core.cnc.RequestTracer;
import com.couchbase.client.core.msg.Request;
import com.couchbase.client.core.msg.RequestContext;
import com.couchbase.client.core.msg.Response;
import com.couchbase.client.core.msg.ResponseStatus;
import com.couchbase.client.core.msg.kv.GetResponse;
import com.couchbase.client.core.msg.kv.KeyValueRequest;
import io.tidemark.tck.RequestCounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;

/**
 * Counts the key-value operations a Couchbase client performs, by kind, through the SDK's request
 * tracer: the SDK opens one span per operation and hands it the request, which carries the document
 * key and, once the span ends, the response. An operation is classified by its key under the
 * store's prefix: {@code <prefix>::lock::*} is a lock request; record documents and the tip hint of a
 * chain are the audit log (gets are reads, every other operation a write); anything else is "other".
 * A get that found its document counts as one record read (the tip hint holds a copy of one record).
 * Dispatch spans, which the SDK opens below an operation's span for each attempt, are not counted.
 */
public final class CouchbaseRequestCounter implements RequestTracer {

    private final String lockPrefix;
    private final String auditPrefix;
    private final LongAdder auditReads = new LongAdder();
    private final LongAdder auditWrites = new LongAdder();
    private final LongAdder lockRequests = new LongAdder();
    private final LongAdder otherRequests = new LongAdder();
    private final LongAdder recordsRead = new LongAdder();

    /**
     * A counter for a store with the given key prefix, to install with
     * {@code ClusterEnvironment.Builder.requestTracer(...)} on the client being counted.
     *
     * @param keyPrefix the store's key prefix ({@link CouchbaseFixture#keyPrefix(String)})
     */
    public CouchbaseRequestCounter(String keyPrefix) {
        this.lockPrefix = keyPrefix + "::lock::";
        this.auditPrefix = keyPrefix + "::";
    }

    /** {@return what the client sent so far, by kind} */
    public RequestCounts counts() {
        return new RequestCounts(
                auditReads.sum(), auditWrites.sum(), lockRequests.sum(), otherRequests.sum(), recordsRead.sum());
    }

    @Override
    public RequestSpan requestSpan(String name, RequestSpan parent) {
        return parent == null ? new OperationSpan(name) : IgnoredSpan.INSTANCE;
    }

    @Override
    public Mono<Void> start() {
        return Mono.empty();
    }

    @Override
    public Mono<Void> stop(Duration timeout) {
        return Mono.empty();
    }

    private void completed(String operation, Request<? extends Response> request) {
        if (!(request instanceof KeyValueRequest<?> keyValue)) {
            otherRequests.increment();
            return;
        }
        String key = new String(keyValue.key(), StandardCharsets.UTF_8);
        if (key.startsWith(lockPrefix)) {
            lockRequests.increment();
        } else if (!key.startsWith(auditPrefix)) {
            otherRequests.increment();
        } else if (operation.equals("get")) {
            auditReads.increment();
            CompletableFuture<? extends Response> response = request.response();
            if (response.isDone()
                    && !response.isCompletedExceptionally()
                    && response.getNow(null) instanceof GetResponse found
                    && found.status() == ResponseStatus.SUCCESS) {
                recordsRead.increment();
            }
        } else {
            auditWrites.increment();
        }
    }

    /** The span of one operation; counted when it ends. */
    private final class OperationSpan implements RequestSpan {
        private final String name;
        private volatile RequestContext context;

        OperationSpan(String name) {
            this.name = name;
        }

        @Override
        public void requestContext(RequestContext value) {
            this.context = value;
        }

        @Override
        public void end() {
            RequestContext requestContext = context;
            if (requestContext == null) {
                otherRequests.increment();
            } else {
                completed(name, requestContext.request());
            }
        }

        @Override
        public void attribute(String key, String value) {}

        @Override
        public void attribute(String key, boolean value) {}

        @Override
        public void attribute(String key, long value) {}

        @Override
        public void event(String name, Instant timestamp) {}

        @Override
        public void status(StatusCode status) {}
    }

    /** Spans below an operation (dispatch attempts, encoding), which are not counted. */
    private enum IgnoredSpan implements RequestSpan {
        INSTANCE;

        @Override
        public void attribute(String key, String value) {}

        @Override
        public void attribute(String key, boolean value) {}

        @Override
        public void attribute(String key, long value) {}

        @Override
        public void event(String name, Instant timestamp) {}

        @Override
        public void status(StatusCode status) {}

        @Override
        public void end() {}

        @Override
        public void requestContext(RequestContext context) {}
    }
}

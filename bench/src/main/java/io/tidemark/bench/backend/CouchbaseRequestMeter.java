package io.tidemark.bench.backend;

import com.couchbase.client.core.cnc.RequestSpan;
import com.couchbase.client.core.cnc.RequestTracer;
import com.couchbase.client.core.msg.Request;
import com.couchbase.client.core.msg.RequestContext;
import com.couchbase.client.core.msg.Response;
import com.couchbase.client.core.msg.ResponseStatus;
import com.couchbase.client.core.msg.kv.GetResponse;
import com.couchbase.client.core.msg.kv.KeyValueRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * Counts the key-value operations a Couchbase client performs, through the SDK's request tracer:
 * the SDK opens one span per operation and hands it the request, which carries the document key
 * and, once the span ends, the response. An operation is classified by its key under the adapter's
 * prefix: {@code <prefix>::lock::*} is a lock request; record documents and the tip hint of a chain
 * are the audit log (gets are reads, every other operation a write). A get that found its document
 * counts as one record read (the tip hint holds a copy of one record). Dispatch spans, which the SDK
 * opens below an operation's span for each attempt, are not counted: the count is of operations the
 * adapter asked for.
 *
 * <p>The tracer sees the client side; CouchbaseMock's own command log (which knows opcodes but not
 * keys) agrees with it, as {@code CouchbaseRequestMeterTest} checks.
 */
final class CouchbaseRequestMeter implements RequestTracer {

    private final TrafficMeter meter;
    private final String lockPrefix;
    private final String auditPrefix;

    CouchbaseRequestMeter(TrafficMeter meter, String keyPrefix) {
        this.meter = meter;
        this.lockPrefix = keyPrefix + "::lock::";
        this.auditPrefix = keyPrefix + "::";
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
            meter.request(TrafficMeter.Kind.OTHER);
            return;
        }
        String key = new String(keyValue.key(), StandardCharsets.UTF_8);
        if (key.startsWith(lockPrefix)) {
            meter.request(TrafficMeter.Kind.LOCK);
        } else if (!key.startsWith(auditPrefix)) {
            meter.request(TrafficMeter.Kind.OTHER);
        } else if (operation.equals("get")) {
            meter.request(TrafficMeter.Kind.AUDIT_READ);
            CompletableFuture<? extends Response> response = request.response();
            if (response.isDone() && !response.isCompletedExceptionally()
                    && response.getNow(null) instanceof GetResponse found && found.status() == ResponseStatus.SUCCESS) {
                meter.recordsRead(1);
            }
        } else {
            meter.request(TrafficMeter.Kind.AUDIT_WRITE);
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
                meter.request(TrafficMeter.Kind.OTHER);
            } else {
                completed(name, requestContext.request());
            }
        }

        @Override
        public void attribute(String key, String value) {
        }

        @Override
        public void attribute(String key, boolean value) {
        }

        @Override
        public void attribute(String key, long value) {
        }

        @Override
        public void event(String name, Instant timestamp) {
        }

        @Override
        public void status(StatusCode status) {
        }
    }

    /** Spans below an operation (dispatch attempts, encoding), which are not counted. */
    private enum IgnoredSpan implements RequestSpan {
        INSTANCE;

        @Override
        public void attribute(String key, String value) {
        }

        @Override
        public void attribute(String key, boolean value) {
        }

        @Override
        public void attribute(String key, long value) {
        }

        @Override
        public void event(String name, Instant timestamp) {
        }

        @Override
        public void status(StatusCode status) {
        }

        @Override
        public void end() {
        }

        @Override
        public void requestContext(RequestContext context) {
        }
    }
}

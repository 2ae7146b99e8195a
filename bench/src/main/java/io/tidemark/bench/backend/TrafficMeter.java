package io.tidemark.bench.backend;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of one client's {@link Traffic}, fed by the backend's request hook from any
 * thread. Scenarios take a {@link #snapshot()} before and after what they measure.
 */
public final class TrafficMeter {

    /** What a request was for. */
    public enum Kind { AUDIT_WRITE, AUDIT_READ, LOCK, OTHER }

    private final LongAdder auditWrites = new LongAdder();
    private final LongAdder auditReads = new LongAdder();
    private final LongAdder lockRequests = new LongAdder();
    private final LongAdder otherRequests = new LongAdder();
    private final LongAdder recordsRead = new LongAdder();

    /** Counts one request. */
    public void request(Kind kind) {
        switch (kind) {
            case AUDIT_WRITE -> auditWrites.increment();
            case AUDIT_READ -> auditReads.increment();
            case LOCK -> lockRequests.increment();
            case OTHER -> otherRequests.increment();
        }
    }

    /** Counts audit records a read returned. */
    public void recordsRead(long count) {
        recordsRead.add(count);
    }

    /** The totals so far. */
    public Traffic snapshot() {
        return new Traffic(auditWrites.sum(), auditReads.sum(), lockRequests.sum(), otherRequests.sum(),
                recordsRead.sum());
    }
}

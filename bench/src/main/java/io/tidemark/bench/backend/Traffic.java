package io.tidemark.bench.backend;

/**
 * Requests one client sent to its backend, by what they were for, and the audit records the
 * backend returned. Counted at the client's edge (a driver listener, an SDK interceptor or tracer),
 * so every request an adapter makes is seen, whichever code path made it.
 *
 * @param auditWrites   writes to the audit log: appends, and on Couchbase the tip-hint writes
 * @param auditReads    reads of the audit log: tip lookups, history pages, probes
 * @param lockRequests  every request on a lock document or item, reads and writes
 * @param otherRequests everything else: creating or checking tables, collections and indexes
 * @param recordsRead   audit records returned by the reads (a Couchbase tip hint counts as one)
 */
public record Traffic(long auditWrites, long auditReads, long lockRequests, long otherRequests, long recordsRead) {

    /** No traffic. */
    public static final Traffic NONE = new Traffic(0, 0, 0, 0, 0);

    /** Every request, of every kind. */
    public long requests() {
        return auditWrites + auditReads + lockRequests + otherRequests;
    }

    /** What was sent between {@code earlier} and this snapshot. */
    public Traffic minus(Traffic earlier) {
        return new Traffic(auditWrites - earlier.auditWrites, auditReads - earlier.auditReads,
                lockRequests - earlier.lockRequests, otherRequests - earlier.otherRequests,
                recordsRead - earlier.recordsRead);
    }

    /** Both together. */
    public Traffic plus(Traffic other) {
        return new Traffic(auditWrites + other.auditWrites, auditReads + other.auditReads,
                lockRequests + other.lockRequests, otherRequests + other.otherRequests,
                recordsRead + other.recordsRead);
    }

    @Override
    public String toString() {
        return requests() + " requests (audit writes " + auditWrites + ", audit reads " + auditReads + ", lock "
                + lockRequests + ", other " + otherRequests + "; records read " + recordsRead + ")";
    }
}

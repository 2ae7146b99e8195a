package io.tidemark.tck;

/**
 * Requests one client sent to its backend, by what they were for, and the audit records the backend
 * returned.
 *
 * @param auditReads    reads of the audit log: tip lookups, history pages, probes
 * @param auditWrites   writes to the audit log: appends, transactional commits, and bookkeeping
 *                      beside the records (Couchbase's tip hint)
 * @param lockRequests  every request on a lock record, reads and writes
 * @param otherRequests everything else: creating or checking tables, collections and indexes
 * @param recordsRead   audit records the reads returned (a Couchbase tip hint counts as one)
 */
public record RequestCounts(
        long auditReads, long auditWrites, long lockRequests, long otherRequests, long recordsRead) {

    /** Nothing sent. */
    public static final RequestCounts NONE = new RequestCounts(0, 0, 0, 0, 0);

    /** {@return every request, of every kind} */
    public long requests() {
        return auditReads + auditWrites + lockRequests + otherRequests;
    }

    /**
     * What was sent between {@code earlier} and these counts.
     *
     * @param earlier counts taken before these
     * @return the difference, kind by kind
     */
    public RequestCounts minus(RequestCounts earlier) {
        return new RequestCounts(
                auditReads - earlier.auditReads,
                auditWrites - earlier.auditWrites,
                lockRequests - earlier.lockRequests,
                otherRequests - earlier.otherRequests,
                recordsRead - earlier.recordsRead);
    }

    @Override
    public String toString() {
        return requests() + " requests (audit reads " + auditReads + ", audit writes " + auditWrites + ", lock "
                + lockRequests + ", other " + otherRequests + "; records read " + recordsRead + ")";
    }
}

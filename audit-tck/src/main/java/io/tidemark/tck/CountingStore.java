package io.tidemark.tck;

import io.tidemark.spi.AuditStore;

/**
 * A store whose client counts the requests it sends to the backend, by kind, at the client's edge (a
 * driver listener, an SDK interceptor or tracer): every request an adapter makes is seen, whichever
 * code path made it, retries included.
 */
public interface CountingStore extends AutoCloseable {

    /** {@return the store; every request it makes is counted} */
    AuditStore store();

    /**
     * What was sent so far, since the store was opened; take one before and one after what is measured.
     *
     * @return the counts so far
     */
    RequestCounts counts();

    /**
     * The requests one {@code history().tip(chain)} of a chain with a current tip costs on this
     * backend: 1 where the backend answers a reverse query limited to one record; Couchbase reads its
     * tip hint and probes the key after it, 2.
     *
     * @return the requests of one tip lookup: 1 unless overridden
     */
    default int tipLookupRequests() {
        return 1;
    }

    /** Closes the store and its counting client. */
    @Override
    void close();
}

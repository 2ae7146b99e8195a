package io.tidemark.adapter.couchbase;

import io.tidemark.spi.MongockChangeLog;
import java.util.List;

/**
 * Mongock's change log in a Couchbase collection, read exactly as {@link CouchbaseAuditStore#mongockChangeLog}
 * reads it, except that the keys of its documents are the ones given instead of listed with SQL++: for
 * tests on CouchbaseMock, which has no query service. Each document is read by key, as in production.
 * In the adapter's test jar, for the tests of other modules (integration-tests-mongock).
 */
public final class ListedMongockChangeLog {

    private ListedMongockChangeLog() {}

    /**
     * @param store      the store whose bucket holds the change log
     * @param collection the collection ({@code scope.collection}, or a collection of the store's scope)
     * @param keys       the keys of Mongock's documents, in the order to read them
     * @return the change log
     */
    public static MongockChangeLog of(CouchbaseAuditStore store, String collection, List<String> keys) {
        List<String> listed = List.copyOf(keys);
        return new CouchbaseMongockChangeLog(store.requests(), collection, changeLog -> listed);
    }
}

/**
 * Tidemark's audit store, history and lock on Couchbase ({@code com.couchbase.client:java-client} 3,
 * key-value operations only). Exports only the adapter package; the {@code couchbase} provider is
 * found by {@link java.util.ServiceLoader}, here by the {@code provides} clause and on the class path
 * by {@code META-INF/services}.
 *
 * <p>The Couchbase SDK ships automatic modules ({@code com.couchbase.client.java},
 * {@code com.couchbase.client.core}, named in their manifests), as does Reactor
 * ({@code reactor.core}, in the SDK's event bus API): they are required as such.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.tidemark.adapter.couchbase {
    requires transitive io.tidemark.core;
    requires transitive com.couchbase.client.java;
    requires transitive com.couchbase.client.core;
    requires reactor.core;
    requires org.slf4j;

    exports io.tidemark.adapter.couchbase;

    provides io.tidemark.spi.AuditStoreProvider with
            io.tidemark.adapter.couchbase.CouchbaseAuditStoreProvider;
}

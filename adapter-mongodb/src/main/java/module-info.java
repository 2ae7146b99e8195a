/**
 * Tidemark's MongoDB adapter: the audit store, history, lock and transactions on
 * {@code mongodb-driver-sync}. It exports its one package (the store, its builder and the
 * provider's keys), and provides the {@code mongodb} store to {@link java.util.ServiceLoader}. The
 * driver's jars are automatic modules ({@code Automatic-Module-Name} in their manifests), which is
 * why the requires below name automatic modules.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.tidemark.adapter.mongodb {
    requires transitive io.tidemark.core;
    requires transitive org.mongodb.driver.sync.client;
    requires transitive org.mongodb.driver.core;
    requires transitive org.mongodb.bson;
    requires org.slf4j;

    exports io.tidemark.adapter.mongodb;

    provides io.tidemark.spi.AuditStoreProvider with
            io.tidemark.adapter.mongodb.MongoAuditStoreProvider;
}

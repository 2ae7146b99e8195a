package io.tidemark.tck;

import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * One backend under test, as every test that needs it sees it: the contract suites, the command
 * line's tests, the end-to-end scenarios and the benchmarks. Each adapter implements it once, in
 * its test jar ({@code io.tidemark.adapter.<db>.testing.<Db>Fixture}), over the test server it
 * starts (and again over a server in a container where Docker exists).
 *
 * <p><b>Namespaces</b> isolate what tests store: each namespace maps to its own tables, database or
 * key prefix on the one server, so that tests sharing the server do not see each other's chains or
 * locks. A namespace is a short name of letters, digits and {@code -}; the fixture turns it into
 * valid backend names. Within one namespace, stores opened at different times see the same data, as
 * instances of one application would.
 *
 * <p>A fixture owns its server and the clients it creates: {@link #close()} stops them. Stores it
 * returns are closed by the caller and never close the fixture's server.
 */
public interface BackendFixture extends AutoCloseable {

    /** {@return the value of {@code tidemark.store} that selects this backend's adapter, e.g. {@code dynamodb}} */
    String storeName();

    /** {@return the server under test, for messages and reports, e.g. "dynalite 4.0.0 at http://127.0.0.1:40123"} */
    String describe();

    /**
     * The configuration keys that reach {@code namespace} through the adapter's provider, including
     * {@code tidemark.store}: what an application or the command line would be given. No secret the
     * test server does not require.
     *
     * @param namespace the namespace (a table prefix, a database, a key prefix)
     * @return the keys and their values
     */
    Map<String, String> configuration(String namespace);

    /**
     * A store on {@code namespace}, built in code (not through the provider), not yet initialised,
     * whose lock service takes time from {@code clock}. The caller closes it.
     *
     * @param namespace the namespace the store works in
     * @param clock     the clock of the store's lock service
     * @return a new store
     */
    AuditStore openStore(String namespace, Clock clock);

    /**
     * A store like {@link #openStore}, over a client of its own that counts every request it sends,
     * by kind. The caller closes it (which closes that client).
     *
     * @param namespace the namespace the store works in
     * @param clock     the clock of the store's lock service
     * @return a new store with its request counts
     */
    CountingStore openCountingStore(String namespace, Clock clock);

    /**
     * Writes to the audit records of {@code namespace} that bypass the store and its conditions.
     *
     * @param namespace the namespace whose records are written
     * @return raw access to the namespace's records
     */
    RawRecords rawRecords(String namespace);

    /**
     * Configuration keys, including {@code tidemark.store}, of a store of this kind that cannot be
     * reached (a closed port, a host that refuses connections): for tests of outages. Creating the
     * store from them must succeed; its first request fails with {@code StoreUnavailableException},
     * within seconds.
     *
     * @return the keys and their values
     */
    Map<String, String> unreachableConfiguration();

    /**
     * Whether the store remembers, apart from the records, where its chain ended when a run last
     * finished (Couchbase's tip hint), so that removing the newest record is detected by
     * verification. Default: no.
     *
     * @return whether removing the newest record is detected
     */
    default boolean remembersTheNewestRecord() {
        return false;
    }

    /**
     * Whether this server really commits the store's transactions (a store whose
     * {@link AuditStore#transactions()} is present and available). False where the server lacks
     * them although the store offers them (dynalite has no {@code TransactWriteItems}); the
     * transaction suite then checks only what needs no commit. Default: true.
     *
     * @return whether transactions commit on this server
     */
    default boolean commitsTransactions() {
        return true;
    }

    /**
     * How a change unit writes through this store's transaction handle, for the transaction suite;
     * empty when the store has no transactions. Writes go to {@code namespace}.
     *
     * @param namespace the namespace the writes go to
     * @return the writes, or empty when the store has no transactions
     */
    default Optional<TransactionalWrites> transactionalWrites(String namespace) {
        return Optional.empty();
    }

    /** Stops the server and closes the fixture's clients. */
    @Override
    void close();
}

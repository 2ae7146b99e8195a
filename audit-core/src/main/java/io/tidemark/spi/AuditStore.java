package io.tidemark.spi;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The append-only writer of audit chains, and the entry point of one backend: the object a user
 * configures and hands to the engine. It also gives out the {@link ExecutionHistory} reader and the
 * {@link LockService} that live in the same database, sharing its connection.
 *
 * <p>There is no update and no delete. Correcting the log means appending a new record.
 *
 * <p>Implementations are thread-safe. Backend exceptions never escape: unreachable or throttling
 * backends raise {@link io.tidemark.core.error.StoreUnavailableException}, and missing or misshapen
 * tables raise {@link io.tidemark.core.error.ConfigurationException}. Only the backend's own
 * exceptions are translated: anything else (a bug in Tidemark or in the adapter) passes through as
 * itself, never disguised as an unavailable store.
 *
 * <p><b>Options that weaken a guarantee.</b> The contract of the three ports (a conditional append
 * that is the fence against forks, strongly consistent reads, one conditional write per lock
 * operation) is what makes a change run exactly once. An adapter option that weakens it
 * (eventually consistent reads, a write or read concern below majority, replication without
 * durability) is either refused with a {@code ConfigurationException} naming the option, or
 * documented, in the option's Javadoc and the adapter's README, as breaking this contract, saying
 * what it risks (for example: an acknowledged record lost in a failover, and its change run again).
 * Such an option is never the silent default, except where the backend cannot offer more (a
 * single-node deployment), which the adapter then says.
 */
public interface AuditStore extends AutoCloseable {

    /**
     * Makes the backend ready for writing: with auto-create on, creates the tables, collections and
     * indexes that are missing; with it off, verifies them and names everything missing in one
     * {@link io.tidemark.core.error.ConfigurationException}. Idempotent and safe to call from many
     * instances at once; does its work at most once per store instance, so later calls make no
     * request.
     *
     * <p>The engine calls it only before it writes: a start with nothing to do makes as few
     * requests as possible. Reads and lock operations therefore must not assume it was called:
     * when they find their table missing they create it (auto-create on) or raise a
     * {@code ConfigurationException} naming it (auto-create off), never a backend exception.
     */
    void initialize();

    /**
     * Appends {@code record} at {@code record.seq()} of {@code record.chain()} if, and only if, no
     * record with that sequence exists in that chain. This one conditional write is the fence that
     * keeps two writers from forking a chain.
     *
     * <p>The record is stored exactly: reading it back yields an equal {@link AuditRecord}. The
     * store does not compute or check hashes; the engine does.
     *
     * @param record the record, sealed by the engine
     * @return {@link AppendResult.Appended}, or {@link AppendResult.SequenceConflict} when the
     *     sequence was taken, in which case nothing was written
     */
    AppendResult append(AuditRecord record);

    /**
     * Tells the store that the caller, holding the chain's lock, is about to append records to
     * {@code chain} up to sequence {@code lastSeq} at most (fewer is fine). A store that keeps
     * bookkeeping beside the records may prepare it here in one write for the whole run, instead of
     * as the run goes: the Couchbase adapter reserves the sequences in its tip hint, so that each
     * append stays a single write. The engine calls it once per run before its first append, the
     * import before writing. Default: nothing.
     *
     * @param chain   the chain about to be appended to
     * @param lastSeq the highest sequence the caller may append in this run
     * @throws io.tidemark.core.error.StoreUnavailableException when the preparation could not be
     *     written; nothing was appended, and the caller must not append
     */
    default void prepareAppends(String chain, long lastSeq) {}

    /** {@return the reader over this store's chains} */
    ExecutionHistory history();

    /** {@return the lock service kept in this store's database} */
    LockService lockService();

    /**
     * Committing a change unit's own writes and its {@code APPLIED} record in one backend
     * transaction, where this store offers it (see {@link TransactionSupport}). Empty by default.
     *
     * @return the store's transaction support, or empty when it has none
     */
    default Optional<TransactionSupport<?>> transactions() {
        return Optional.empty();
    }

    /**
     * Mongock's change log kept in this store's database under {@code name} (a MongoDB collection
     * of the configured database, a DynamoDB table, a Couchbase collection of the configured bucket
     * and scope), for {@code OperatorApi.importMongock}. Nothing is read until its entries are; a
     * missing collection or table is reported then. Empty by default: a store that cannot read
     * Mongock's change log (the in-memory store) says so by returning nothing. A wrapper around
     * another store returns the wrapped store's.
     *
     * @param name the collection or table, {@code mongockChangeLog} by Mongock's default
     * @return the change log, or empty when this kind of store cannot read one
     */
    default Optional<MongockChangeLog> mongockChangeLog(String name) {
        return Optional.empty();
    }

    /**
     * Checks what only this backend can tell, without changing anything: that tables, collections
     * and indexes exist with the expected shape, billing or durability settings, and the like. Each
     * finding says how to fix what is wrong. Infrastructure failures are findings too, not
     * exceptions. The operator's {@code doctor} adds generic checks (reading the chain, taking and
     * releasing a probe lock) through the other ports. Empty by default.
     *
     * @return the findings, in the order checked
     */
    default List<Diagnosis> diagnose() {
        return List.of();
    }

    /**
     * Names the store for people: backend, endpoint or hosts, database and table names. Appears in
     * logs and error messages, so it must never contain a password, key or token.
     *
     * @return a description without secrets
     */
    String describe();

    /**
     * The kind of backend as a short, fixed name, for metric tags and event fields
     * ({@link io.tidemark.core.event.RunStarted#store()}): an adapter returns the name of its
     * {@link AuditStoreProvider} ({@code dynamodb}, {@code mongodb}, {@code couchbase}); the in-memory
     * store returns {@code memory}. It must be the same for every store of one adapter, whatever its
     * configuration, and hold no endpoint, table name or secret, so that a metric tagged with it keeps
     * a bounded number of series. A wrapper around another store returns the wrapped store's kind.
     *
     * <p>Default: the class's simple name in lower case, without a trailing {@code auditstore} or
     * {@code store} ({@code custom} for an anonymous class).
     *
     * @return the store's kind, for example {@code dynamodb}
     */
    default String kind() {
        String name = getClass().getSimpleName().toLowerCase(Locale.ROOT);
        for (String suffix : List.of("auditstore", "store")) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        return name.isEmpty() ? "custom" : name;
    }

    /**
     * Releases what the store owns. A store built around a client the caller passed in leaves
     * that client open; a store created from configuration closes its client.
     */
    @Override
    default void close() {}
}

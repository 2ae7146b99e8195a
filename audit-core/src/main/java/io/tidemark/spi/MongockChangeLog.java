package io.tidemark.spi;

import java.util.stream.Stream;

/**
 * Mongock's change log kept in one store (a MongoDB collection, a DynamoDB table, the documents of a
 * Couchbase collection), read-only: what {@code OperatorApi.importMongock} turns into records of a
 * Tidemark chain. Obtained from {@link AuditStore#mongockChangeLog(String)}; an adapter reads it in
 * the shape Mongock 5's driver for that database writes (its README says which).
 *
 * <p>Reading changes nothing and creates nothing, whatever the store's auto-create setting.
 */
public interface MongockChangeLog {

    /**
     * Names the change log for people: backend, database, collection or table. Appears in messages and
     * in the imported records' metadata, so it must never contain a password, key or token.
     *
     * @return the description, one line
     */
    String describe();

    /**
     * Every entry, in the order the store returns them (the import orders them by timestamp itself).
     * The stream is lazy and holds one page or batch at a time; close it when done. Each call reads
     * the change log again.
     *
     * @return the entries, lazily read
     * @throws io.tidemark.core.error.ConfigurationException when the collection or table does not exist,
     *     naming it and saying what to check; a stored entry whose fields cannot be read as Mongock writes
     *     them is reported the same way, naming its {@linkplain MongockEntry#position() position}
     * @throws io.tidemark.core.error.StoreUnavailableException when the backend cannot be reached
     */
    Stream<MongockEntry> entries();
}

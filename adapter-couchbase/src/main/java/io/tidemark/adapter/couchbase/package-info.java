/**
 * Tidemark's ports on Couchbase ({@code java-client} 3), key-value operations only. Floor: adapter
 * (it implements the SPI of {@code io.tidemark.spi}; applications use only
 * {@link io.tidemark.adapter.couchbase.CouchbaseAuditStore} and its builder, or the {@code couchbase}
 * provider {@link io.tidemark.adapter.couchbase.CouchbaseAuditStoreProvider} through configuration).
 * Every other class is package-private: history, lock, record codec, failures, requests, schema and
 * settings.
 *
 * <p>Document shape: one JSON document per audit record, keyed
 * {@code <prefix>::<chain>::<seq, 19 digits>} and holding the record field for field; one tip-hint
 * document per chain, {@code <prefix>::<chain>::tip} (where the chain last ended, with a copy of that
 * record, and how far writers reserved sequences); one lock document per lock key,
 * {@code <prefix>::lock::<key>} (owner, expiry, fencing token). All in one collection,
 * {@code _default._default} unless configured. No SQL++ and no index: reads are strongly consistent
 * key-value gets. No transactions.
 */
package io.tidemark.adapter.couchbase;

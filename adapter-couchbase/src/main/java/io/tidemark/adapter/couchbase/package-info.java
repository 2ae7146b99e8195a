/**
 * Tidemark's ports on Couchbase ({@code java-client} 3), key-value operations only: the audit store
 * ({@link io.tidemark.adapter.couchbase.CouchbaseAuditStore}), its history and lock, and the
 * {@code couchbase} provider ({@link io.tidemark.adapter.couchbase.CouchbaseAuditStoreProvider}).
 */
package io.tidemark.adapter.couchbase;

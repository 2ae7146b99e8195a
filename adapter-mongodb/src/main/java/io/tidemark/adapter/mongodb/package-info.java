/**
 * Tidemark's ports on MongoDB ({@code mongodb-driver-sync}): {@link io.tidemark.adapter.mongodb.MongoAuditStore}
 * (audit log, history, lock and transactions in one database), its
 * {@link io.tidemark.adapter.mongodb.MongoStoreOptions}, the stored document shape in
 * {@link io.tidemark.adapter.mongodb.AuditDocuments}, and the {@code mongodb} provider
 * {@link io.tidemark.adapter.mongodb.MongoAuditStoreProvider}.
 */
package io.tidemark.adapter.mongodb;

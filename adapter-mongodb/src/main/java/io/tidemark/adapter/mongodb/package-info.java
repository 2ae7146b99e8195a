/**
 * The MongoDB adapter (the adapter floor: it implements the SPI of {@code io.tidemark.spi} on
 * {@code mongodb-driver-sync}). Public are only {@link io.tidemark.adapter.mongodb.MongoAuditStore}
 * (audit log, history, lock and transactions in one database, built with
 * {@link io.tidemark.adapter.mongodb.MongoAuditStore#builder(com.mongodb.client.MongoClient, String)}) and the
 * {@code mongodb} provider {@link io.tidemark.adapter.mongodb.MongoAuditStoreProvider} with its keys; a
 * transactional change unit takes the driver's {@link com.mongodb.client.ClientSession}.
 *
 * <p>Document shape: the audit collection ({@code tidemarkAudit}) holds one document per record
 * with a unique index {@code {chain: 1, seq: 1}}, the fence of every append:
 * <pre>
 * { _id: ObjectId, chain: "default", seq: NumberLong(7), executionId: "...", changeId: "create-accounts",
 *   author: "ana", order: "1.2", state: "APPLIED", timestamp: ISODate(...), durationMillis: NumberLong(42),
 *   host: "app-1", instanceId: "...", className: "...", methodName: "apply", errorType: "", errorMessage: "",
 *   metadata: [ {k: "rows", v: "12"} ], previousHash: "000...0", hash: "9a1f..." }
 * </pre>
 * The lock collection ({@code tidemarkLock}) holds one document per key, kept without owner when
 * released so that fencing tokens keep growing:
 * <pre>
 * { _id: "default", owner: "app-1-4242/5f0c...", expiresAt: ISODate(...), token: NumberLong(3) }
 * </pre>
 * The adapter's README describes every field and the algorithm of each operation.
 */
package io.tidemark.adapter.mongodb;

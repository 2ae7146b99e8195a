/**
 * <b>Adapter floor</b>: Tidemark's ports on Amazon DynamoDB with the AWS SDK for Java v2. It
 * implements the adapter SPI ({@code io.tidemark.spi}) and is used through it; applications touch
 * three public classes:
 * <ul>
 *   <li>{@link io.tidemark.adapter.dynamodb.DynamoDbAuditStore}: audit log, history, lock and
 *       transactions, built in code with {@code DynamoDbAuditStore.builder(dynamoDbClient)};</li>
 *   <li>{@link io.tidemark.adapter.dynamodb.DynamoDbAuditStoreProvider}: the same store from
 *       configuration keys ({@code tidemark.store=dynamodb}, {@code tidemark.dynamodb.*}), found by
 *       {@link java.util.ServiceLoader};</li>
 *   <li>{@link io.tidemark.adapter.dynamodb.DynamoDbChangeTransaction}: the handle a transactional
 *       change unit declares to commit its writes with its audit record.</li>
 * </ul>
 *
 * <p><b>Document shape.</b> Two tables. The audit table (default {@code tidemark_audit}) holds one
 * item per record: partition key {@code chain} (S), sort key {@code seq} (N), and one attribute
 * per field of the record ({@code executionId}, {@code changeId}, {@code author},
 * {@code changeOrder}, {@code state}, {@code timestampMillis} (N), {@code durationMillis} (N),
 * {@code host}, {@code instanceId}, {@code className}, {@code methodName}, {@code errorType},
 * {@code errorMessage}, {@code metadata} (M of S), {@code previousHash}, {@code hash}). The lock
 * table (default {@code tidemark_lock}) holds one item per lock key: partition key
 * {@code lockKey} (S), {@code owner} (S, absent when free), {@code expiresAt} (N, epoch
 * milliseconds) and {@code token} (N, the fencing token). The adapter's README describes both, and
 * the algorithm of every operation, step by step.
 *
 * <p>Everything else in this package is package-private: the history, lock service and
 * transaction support behind the store, the record codec, the schema (table creation and checks),
 * the request runner (the one class that sends requests) and the translation of the SDK's
 * exceptions.
 */
package io.tidemark.adapter.dynamodb;

/**
 * Tidemark's ports on Amazon DynamoDB with the AWS SDK v2: {@link io.tidemark.adapter.dynamodb.DynamoDbAuditStore}
 * (built from a {@code DynamoDbClient}, or from configuration by
 * {@link io.tidemark.adapter.dynamodb.DynamoDbStoreProvider}, store name {@code dynamodb}), its history
 * ({@link io.tidemark.adapter.dynamodb.DynamoDbExecutionHistory}), lock
 * ({@link io.tidemark.adapter.dynamodb.DynamoDbLockService}) and transactional change units
 * ({@link io.tidemark.adapter.dynamodb.DynamoDbChangeTransaction}).
 */
package io.tidemark.adapter.dynamodb;

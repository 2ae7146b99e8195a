/**
 * The quickstart's change units for {@code -Dquickstart.backend=dynamodb}: four changes on a DynamoDB
 * {@code orders} table, in the order they run: create the table with its global secondary index,
 * seed orders (conditional puts, idempotent, retried after a crash), derive an attribute, backfill
 * another. Each receives the application's {@code DynamoDbClient} as a registered dependency. They
 * run on dynalite (which has no {@code TransactWriteItems} and cannot add an index to an existing
 * table) and on AWS alike.
 */
package io.tidemark.examples.quickstart.changes.dynamodb;

/**
 * Four change units on a DynamoDB "orders" table, in the order they run: create the table, seed
 * orders (in one transaction with the audit record), add a global secondary index, backfill an
 * attribute. Each receives the application's {@code DynamoDbClient} as a registered dependency.
 */
package io.tidemark.examples.quickstart.changes;

/**
 * Four change units on a DynamoDB "orders" table, in the order they run: create the table, seed
 * orders (all or none, in one DynamoDB transaction), add a global secondary index, backfill an
 * attribute. Each receives the application's {@code DynamoDbClient} as a registered dependency.
 */
package io.tidemark.examples.quickstart.changes;

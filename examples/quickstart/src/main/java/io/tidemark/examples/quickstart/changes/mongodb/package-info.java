/**
 * The quickstart's change units for MongoDB (the default backend): four changes on an
 * {@code orders} collection, in the order they run: create the collection, seed orders (idempotent
 * upserts, retried after a crash), add an index, backfill a field. Each receives the application's
 * {@code MongoDatabase} as a registered dependency. They run on mongo-java-server and on a real
 * MongoDB alike.
 */
package io.tidemark.examples.quickstart.changes.mongodb;

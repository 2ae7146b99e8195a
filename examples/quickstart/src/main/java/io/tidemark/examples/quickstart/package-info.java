/**
 * The quickstart: {@link io.tidemark.examples.quickstart.QuickstartMain} starts MongoDB in this JVM
 * (mongo-java-server; or, with {@code quickstart.backend=dynamodb}, dynalite), runs the change units
 * of {@code io.tidemark.examples.quickstart.changes.mongodb} (or {@code .dynamodb}) twice, and prints
 * the reports and the audit history. See the module's README for the command and its options.
 */
package io.tidemark.examples.quickstart;

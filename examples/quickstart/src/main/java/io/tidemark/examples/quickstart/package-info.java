/**
 * The quickstart: {@link io.tidemark.examples.quickstart.QuickstartMain} starts DynamoDB Local, runs the
 * change units of {@code io.tidemark.examples.quickstart.changes} twice and prints the reports and the
 * audit history. See the module's README for the command.
 */
package io.tidemark.examples.quickstart;

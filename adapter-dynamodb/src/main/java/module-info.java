/**
 * Tidemark's adapter for Amazon DynamoDB (AWS SDK for Java v2). Exports only
 * {@code io.tidemark.adapter.dynamodb}; provides the {@code dynamodb} store to
 * {@link java.util.ServiceLoader} (on the class path through {@code META-INF/services} as well).
 *
 * <p>The AWS SDK modules are automatic modules (their jars name themselves in the manifest); the
 * DynamoDB client module is required transitively because the public API takes a
 * {@code DynamoDbClient} and the transaction handle exposes the SDK's request types. The AWS SDK
 * publishes no module descriptors, only stable {@code Automatic-Module-Name}s, so javac's warnings
 * about requiring automatic modules are suppressed here.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.tidemark.adapter.dynamodb {
    requires transitive io.tidemark.core;
    requires transitive software.amazon.awssdk.services.dynamodb;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.retries.api;
    requires org.slf4j;

    exports io.tidemark.adapter.dynamodb;

    provides io.tidemark.spi.AuditStoreProvider with
            io.tidemark.adapter.dynamodb.DynamoDbAuditStoreProvider;
}

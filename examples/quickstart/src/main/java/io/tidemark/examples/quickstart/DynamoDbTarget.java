package io.tidemark.examples.quickstart;

import io.tidemark.adapter.dynamodb.DynamoDbAuditStore;
import io.tidemark.adapter.dynamodb.DynamoDbAuditStoreProvider;
import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.examples.quickstart.changes.dynamodb.Orders;
import io.tidemark.spi.AuditStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB for the quickstart ({@code -Dquickstart.backend=dynamodb}): dynalite, an open-source
 * DynamoDB implementation run by Node.js, started through the project's one dynalite fixture
 * ({@link DynaliteServer}), or the DynamoDB that {@code tidemark.dynamodb.endpoint} names.
 *
 * <p>A started dynalite keeps its data in the {@code dynamodb} folder of the data directory
 * ({@code --path}), so the next run finds the orders and the audit log of this one; without a data
 * directory it keeps everything in memory. It is stopped when the target is closed, and by the
 * fixture's own shutdown hook if the JVM ends first.
 */
final class DynamoDbTarget implements Target {

    /** The folder inside the data directory where dynalite keeps its tables. */
    static final String DATA_FOLDER = "dynamodb";
    /** Access key ids of local DynamoDB servers may hold only letters and digits. */
    private static final String PLACEHOLDER_CREDENTIAL = "quickstart";

    private final DynamoDbClient client;
    private final URI endpoint;
    private final String region;
    private final String description;
    private final Optional<Path> dataFolder;
    private final AutoCloseable stop;
    private boolean closed;

    private DynamoDbTarget(
            DynamoDbClient client,
            URI endpoint,
            String region,
            String description,
            Optional<Path> dataFolder,
            AutoCloseable stop) {
        this.client = client;
        this.endpoint = endpoint;
        this.region = region;
        this.description = description;
        this.dataFolder = dataFolder;
        this.stop = stop;
    }

    /** Starts dynalite on a free loopback port, keeping its data in {@code dataDir} when given. */
    static DynamoDbTarget serve(Optional<Path> dataDir) {
        Optional<Path> folder = dataDir.map(dir -> dir.resolve(DATA_FOLDER).toAbsolutePath());
        DynaliteServer server;
        try {
            server = folder.map(DynaliteServer::start).orElseGet(DynaliteServer::start);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new QuickstartException(
                    "-D" + QuickstartSettings.BACKEND_KEY + "=dynamodb could not start dynalite: "
                            + e.getMessage().replace('\n', ' ').strip(),
                    e);
        }
        String where = folder.map(dir -> "data kept in " + dir).orElse("in memory");
        return new DynamoDbTarget(
                server.client(),
                server.endpoint(),
                DynaliteServer.REGION,
                "DynamoDB served by dynalite (Node.js) at " + server.endpoint() + ", " + where,
                folder,
                server);
    }

    /**
     * Connects to {@code endpoint}: credentials from system properties, the environment or the AWS
     * profile when present, otherwise placeholders that local servers accept. No instance-metadata
     * lookups, so nothing leaves this machine.
     */
    static DynamoDbTarget connect(URI endpoint, String region) {
        AwsCredentialsProvider credentials = AwsCredentialsProviderChain.builder()
                .credentialsProviders(
                        SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(),
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(PLACEHOLDER_CREDENTIAL, PLACEHOLDER_CREDENTIAL)))
                .build();
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .build();
        return new DynamoDbTarget(
                client,
                endpoint,
                region,
                "DynamoDB at " + endpoint + " (region " + region + ")",
                Optional.empty(),
                client);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String storeName() {
        return "dynamodb";
    }

    @Override
    public String changesPackage() {
        return Orders.class.getPackageName();
    }

    @Override
    public TidemarkBuilder withDependencies(TidemarkBuilder builder) {
        return builder.dependency(DynamoDbClient.class, client);
    }

    @Override
    public AuditStore auditStoreInCode(TidemarkConfig config) {
        DynamoDbAuditStore.Builder store = DynamoDbAuditStore.builder(client);
        config.get(DynamoDbAuditStoreProvider.TABLE_PREFIX).ifPresent(store::tablePrefix);
        return store.build();
    }

    @Override
    public Map<String, String> inCodeStoreConfiguration(TidemarkConfig config) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(QuickstartSettings.STORE_KEY, storeName());
        keys.put(QuickstartSettings.DYNAMODB_ENDPOINT_KEY, endpoint.toString());
        keys.put(QuickstartSettings.DYNAMODB_REGION_KEY, region);
        config.get(DynamoDbAuditStoreProvider.TABLE_PREFIX)
                .ifPresent(prefix -> keys.put(DynamoDbAuditStoreProvider.TABLE_PREFIX, prefix));
        return keys;
    }

    @Override
    public Map<String, String> addressConfiguration() {
        return Map.of(
                QuickstartSettings.DYNAMODB_ENDPOINT_KEY,
                endpoint.toString(),
                QuickstartSettings.DYNAMODB_REGION_KEY,
                region);
    }

    @Override
    public Optional<Path> dataLocation() {
        return dataFolder;
    }

    @Override
    public List<Order> ordersOf(String customerId) {
        List<Order> orders = new ArrayList<>();
        for (Map<String, AttributeValue> order : client.query(query -> query.tableName(Orders.TABLE)
                        .indexName(Orders.BY_CUSTOMER_INDEX)
                        .keyConditionExpression("#customer = :customer")
                        .expressionAttributeNames(Map.of("#customer", Orders.CUSTOMER_ID))
                        .expressionAttributeValues(Map.of(":customer", AttributeValue.fromS(customerId))))
                .items()) {
            orders.add(new Order(
                    order.get(Orders.ORDER_ID).s(),
                    order.get(Orders.PLACED_AT).s(),
                    Long.parseLong(order.get(Orders.TOTAL_CENTS).n()),
                    Optional.ofNullable(order.get(Orders.STATUS)).map(AttributeValue::s)));
        }
        return orders;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop " + description + ": " + e.getMessage(), e);
        }
    }
}

package io.tidemark.examples.quickstart;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The DynamoDB the quickstart's change units work on (and, by default, where the audit log goes):
 * DynamoDB Local started here, in-process or as an HTTP server, or an endpoint given by
 * configuration. Closing it stops what it started.
 */
final class TargetDynamoDb implements AutoCloseable {

    /** DynamoDB Local's file name for its shared database, used in both modes so they see the same data. */
    private static final String DATABASE_FILE = "shared-local-instance.db";
    /** Access key ids for DynamoDB Local may hold only letters and digits. */
    private static final String PLACEHOLDER_CREDENTIAL = "quickstart";

    private final DynamoDbClient client;
    private final String description;
    private final Optional<URI> endpoint;
    private final List<AutoCloseable> toStop;

    private TargetDynamoDb(DynamoDbClient client, String description, Optional<URI> endpoint, List<AutoCloseable> toStop) {
        this.client = client;
        this.description = description;
        this.endpoint = endpoint;
        this.toStop = toStop;
    }

    /** Starts (or connects to) the target {@code settings} ask for. */
    static TargetDynamoDb start(QuickstartSettings settings) {
        return switch (settings.target()) {
            case IN_PROCESS -> inProcess(settings.dataDir());
            case SERVER -> server(settings.dataDir(), settings.region());
            case ENDPOINT -> endpoint(settings.endpoint().orElseThrow(), settings.region());
        };
    }

    private static TargetDynamoDb inProcess(Optional<Path> dataDir) {
        AmazonDynamoDBLocal local = dataDir.isPresent()
                ? DynamoDBEmbedded.create(databaseFile(dataDir.get()).toFile(), true)
                : DynamoDBEmbedded.create(true);
        DynamoDbClient client = local.dynamoDbClient();
        String where = dataDir.map(d -> "data kept in " + databaseFile(d)).orElse("in memory");
        return new TargetDynamoDb(client, "DynamoDB Local in-process, " + where, Optional.empty(),
                List.of(client, local::shutdownNow));
    }

    private static TargetDynamoDb server(Optional<Path> dataDir, String region) {
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb",
                "-disableTelemetry"));
        if (dataDir.isPresent()) {
            databaseFile(dataDir.get());
            arguments.addAll(List.of("-dbPath", dataDir.get().toAbsolutePath().toString()));
        } else {
            arguments.add("-inMemory");
        }
        DynamoDBProxyServer server;
        try {
            server = ServerRunner.createServerFromCommandLineArgs(arguments.toArray(String[]::new));
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local could not start on port " + port, e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        DynamoDbClient client = client(endpoint, region);
        String where = dataDir.map(d -> "data kept in " + databaseFile(d)).orElse("in memory");
        return new TargetDynamoDb(client, "DynamoDB Local server at " + endpoint + ", " + where, Optional.of(endpoint),
                List.of(client, server::stop));
    }

    private static TargetDynamoDb endpoint(URI endpoint, String region) {
        DynamoDbClient client = client(endpoint, region);
        return new TargetDynamoDb(client, "DynamoDB at " + endpoint + " (region " + region + ")", Optional.of(endpoint),
                List.of(client));
    }

    /**
     * A client of {@code endpoint}: credentials from system properties, the environment or the AWS
     * profile when present, otherwise placeholders that DynamoDB Local accepts. No instance-metadata
     * lookups, so nothing leaves this machine.
     */
    private static DynamoDbClient client(URI endpoint, String region) {
        AwsCredentialsProvider credentials = AwsCredentialsProviderChain.builder()
                .credentialsProviders(SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(), ProfileCredentialsProvider.create(),
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(PLACEHOLDER_CREDENTIAL, PLACEHOLDER_CREDENTIAL)))
                .build();
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(credentials).build();
    }

    private static Path databaseFile(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dataDir, e);
        }
        return dataDir.resolve(DATABASE_FILE);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client change units receive. */
    DynamoDbClient client() {
        return client;
    }

    /** For people: what runs where. */
    String description() {
        return description;
    }

    /** The HTTP endpoint, when there is one (not for in-process). */
    Optional<URI> endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : toStop) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + closeable + ": " + e);
            }
        }
    }
}

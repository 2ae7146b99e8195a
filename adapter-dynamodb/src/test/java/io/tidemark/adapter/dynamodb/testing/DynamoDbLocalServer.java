package io.tidemark.adapter.dynamodb.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Amazon DynamoDB Local in server mode on a free loopback port, in memory, one database shared by
 * every client whatever its credentials and region ({@code -sharedDb}), telemetry off: a real
 * HTTP endpoint that clients reach with a region and credentials, as they would reach AWS. Stop
 * it with {@link #close()}.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    /** The region clients of the server use; DynamoDB Local accepts any. */
    public static final String REGION = "us-east-1";

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final DynamoDbClientFactory clients;
    private final DynamoDbClient client;

    private DynamoDbLocalServer(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.clients = new DynamoDbClientFactory(endpoint, REGION);
        this.client = clients.create();
    }

    /** Starts an empty in-memory server on a free port. */
    public static DynamoDbLocalServer start() {
        int port = freePort();
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                "-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
            server.start();
            return new DynamoDbLocalServer(server, URI.create("http://127.0.0.1:" + port));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A shared client of the server; closed by {@link #close()}. */
    public DynamoDbClient client() {
        return client;
    }

    /** Builds further clients of the server (the caller closes them). */
    public DynamoDbClientFactory clients() {
        return clients;
    }

    /** Tidemark configuration keys that point the {@code dynamodb} provider at this server. */
    public Map<String, String> configuration() {
        return Map.of("tidemark.store", "dynamodb", "tidemark.dynamodb.endpoint", endpoint.toString(),
                "tidemark.dynamodb.region", REGION);
    }

    @Override
    public void close() {
        client.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

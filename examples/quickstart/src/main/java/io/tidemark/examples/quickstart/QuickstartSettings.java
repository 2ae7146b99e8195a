package io.tidemark.examples.quickstart;

import io.tidemark.core.config.TidemarkConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the quickstart was asked to do, read from system properties, environment variables and
 * {@code tidemark.properties} (the same places Tidemark reads its own configuration).
 *
 * @param target   where the orders table lives, see {@link TargetMode}
 * @param endpoint the DynamoDB endpoint to use instead of starting DynamoDB Local
 *                 ({@code tidemark.dynamodb.endpoint}); only with {@link TargetMode#ENDPOINT}
 * @param region   the region for that endpoint ({@code tidemark.dynamodb.region}, default us-east-1)
 * @param store    the audit store named by {@code tidemark.store}; empty means "the DynamoDB the
 *                 change units target, built in code"
 * @param dataDir  where DynamoDB Local keeps its database; empty keeps it in memory only
 */
public record QuickstartSettings(TargetMode target, Optional<URI> endpoint, String region, Optional<String> store,
        Optional<Path> dataDir) {

    /** Where the quickstart's target DynamoDB comes from. */
    public enum TargetMode {
        /** DynamoDB Local inside this JVM (the default). */
        IN_PROCESS,
        /** DynamoDB Local as an HTTP server on a free loopback port, so a store from configuration can reach it. */
        SERVER,
        /** An existing endpoint ({@code tidemark.dynamodb.endpoint}), e.g. a DynamoDB Local you started yourself. */
        ENDPOINT
    }

    /** Chooses the DynamoDB Local mode: {@code in-process} (default), {@code server} or {@code memory}. */
    public static final String MODE_KEY = "quickstart.dynamodb";
    /** Directory for DynamoDB Local's data; the Maven profile sets it to {@code target/quickstart-dynamodb}. */
    public static final String DATA_DIR_KEY = "quickstart.data-dir";

    /** The settings in {@code config}. */
    public static QuickstartSettings from(TidemarkConfig config) {
        Optional<URI> endpoint = config.get("tidemark.dynamodb.endpoint").map(URI::create);
        Optional<String> store = config.get("tidemark.store");
        String mode = config.getChoice(MODE_KEY, List.of("in-process", "server", "memory")).orElse("in-process");
        TargetMode target;
        if (endpoint.isPresent()) {
            target = TargetMode.ENDPOINT;
        } else if (mode.equals("server") || store.filter("dynamodb"::equalsIgnoreCase).isPresent()) {
            // A DynamoDB store chosen by configuration reaches DynamoDB over HTTP, so DynamoDB Local must listen on a port.
            target = TargetMode.SERVER;
        } else {
            target = TargetMode.IN_PROCESS;
        }
        Optional<Path> dataDir = mode.equals("memory") ? Optional.empty()
                : Optional.of(Path.of(config.get(DATA_DIR_KEY).orElse("target/quickstart-dynamodb")));
        return new QuickstartSettings(target, endpoint, config.get("tidemark.dynamodb.region").orElse("us-east-1"),
                store, dataDir);
    }

    /** Settings for an in-process DynamoDB Local keeping nothing, with the audit store built in code. */
    public static QuickstartSettings inMemory() {
        return new QuickstartSettings(TargetMode.IN_PROCESS, Optional.empty(), "us-east-1", Optional.empty(),
                Optional.empty());
    }
}

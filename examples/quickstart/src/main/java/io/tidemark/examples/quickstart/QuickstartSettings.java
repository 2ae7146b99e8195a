package io.tidemark.examples.quickstart;

import io.tidemark.adapter.dynamodb.DynamoDbAuditStoreProvider;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.support.Secrets;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the quickstart was asked to do, read from the same places Tidemark reads its configuration
 * (see {@link QuickstartMain} for the order).
 *
 * @param backend  the database the change units work on ({@value #BACKEND_KEY}); the audit log goes
 *                 there too unless {@code tidemark.store} says otherwise
 * @param mongoUri a MongoDB to use instead of starting mongo-java-server ({@code tidemark.mongodb.uri});
 *                 only read with {@link Backend#MONGODB}
 * @param endpoint a DynamoDB to use instead of starting dynalite ({@code tidemark.dynamodb.endpoint});
 *                 only read with {@link Backend#DYNAMODB}, and checked by the DynamoDB adapter's own
 *                 rule ({@link DynamoDbAuditStoreProvider#endpoint}), so that a malformed one gets the
 *                 message the library and the command line give
 * @param region   the region for that endpoint ({@code tidemark.dynamodb.region}, default us-east-1)
 * @param store    the audit store named by {@code tidemark.store}; empty means "the backend's
 *                 database, store built in code"
 * @param dataDir  where a server the quickstart starts keeps its data ({@value #DATA_DIR_KEY}); empty
 *                 keeps it in memory only
 * @param serve    keep the started server running after the report, for the command line
 *                 ({@value #SERVE_KEY})
 */
public record QuickstartSettings(
        Backend backend,
        Optional<String> mongoUri,
        Optional<URI> endpoint,
        String region,
        Optional<String> store,
        Optional<Path> dataDir,
        boolean serve) {

    /** The database the change units work on. */
    public enum Backend {
        /** MongoDB: mongo-java-server in this JVM, or {@code tidemark.mongodb.uri}. Needs Java only. */
        MONGODB,
        /** DynamoDB: dynalite run by Node.js, or {@code tidemark.dynamodb.endpoint}. */
        DYNAMODB
    }

    /** Chooses the backend: {@code mongodb} (default) or {@code dynamodb}. */
    public static final String BACKEND_KEY = "quickstart.backend";
    /** Directory for the started server's data; the Maven profile sets it to {@code target/quickstart-data}. */
    public static final String DATA_DIR_KEY = "quickstart.data-dir";
    /** {@code true}: after the report, keep the server running until Enter or Ctrl-C, for the command line. */
    public static final String SERVE_KEY = "quickstart.serve";
    /** The value of {@value #DATA_DIR_KEY} that keeps nothing, like leaving it unset. */
    public static final String IN_MEMORY = "memory";

    static final String STORE_KEY = "tidemark.store";
    static final String MONGODB_URI_KEY = "tidemark.mongodb.uri";
    static final String DYNAMODB_ENDPOINT_KEY = "tidemark.dynamodb.endpoint";
    static final String DYNAMODB_REGION_KEY = "tidemark.dynamodb.region";
    static final String DEFAULT_REGION = "us-east-1";
    /** What leaving {@code tidemark.dynamodb.endpoint} out means in the quickstart, for its message. */
    static final String WITHOUT_ENDPOINT = "Leave the key out and the quickstart runs dynalite itself.";

    /**
     * The settings in {@code config}.
     *
     * @throws ConfigurationException when a {@code tidemark.*} key the quickstart reads is malformed
     * @throws QuickstartException    when a {@code quickstart.*} key is
     */
    public static QuickstartSettings from(TidemarkConfig config) {
        Backend backend = quickstartKey(() -> config.getChoice(BACKEND_KEY, List.of("mongodb", "dynamodb")))
                .map(name -> Backend.valueOf(name.toUpperCase(Locale.ROOT)))
                .orElse(Backend.MONGODB);
        Optional<String> mongoUri = backend == Backend.MONGODB ? config.get(MONGODB_URI_KEY) : Optional.empty();
        Optional<URI> endpoint = backend == Backend.DYNAMODB
                ? config.get(DYNAMODB_ENDPOINT_KEY).map(QuickstartSettings::endpoint)
                : Optional.empty();
        Optional<Path> dataDir = config.get(DATA_DIR_KEY)
                .filter(dir -> !dir.equalsIgnoreCase(IN_MEMORY))
                .map(Path::of);
        boolean serve = quickstartKey(() -> config.getBoolean(SERVE_KEY)).orElse(false);
        return new QuickstartSettings(
                backend,
                mongoUri,
                endpoint,
                config.get(DYNAMODB_REGION_KEY).orElse(DEFAULT_REGION),
                config.get(STORE_KEY).map(name -> name.toLowerCase(Locale.ROOT)),
                dataDir,
                serve);
    }

    /** MongoDB in this JVM keeping nothing, with the audit store built in code. */
    public static QuickstartSettings inMemory() {
        return inMemory(Backend.MONGODB);
    }

    /** The started server of {@code backend}, keeping nothing, with the audit store built in code. */
    public static QuickstartSettings inMemory(Backend backend) {
        return new QuickstartSettings(
                backend, Optional.empty(), Optional.empty(), DEFAULT_REGION, Optional.empty(), Optional.empty(), false);
    }

    /** These settings with {@code dataDir} as the data directory. */
    public QuickstartSettings withDataDir(Path directory) {
        return new QuickstartSettings(backend, mongoUri, endpoint, region, store, Optional.of(directory), serve);
    }

    /** These settings with the audit store chosen by {@code tidemark.store=name}. */
    public QuickstartSettings withStore(String name) {
        return new QuickstartSettings(backend, mongoUri, endpoint, region, Optional.of(name), dataDir, serve);
    }

    /** Whether the quickstart starts a server itself (rather than using a configured address). */
    public boolean startsServer() {
        return backend == Backend.MONGODB ? mongoUri.isEmpty() : endpoint.isEmpty();
    }

    /** The connection string may hold a password: shown masked. */
    @Override
    public String toString() {
        return "QuickstartSettings[backend=" + backend + ", mongoUri="
                + mongoUri.map(uri -> Secrets.display(MONGODB_URI_KEY, uri))
                + ", endpoint=" + endpoint + ", region=" + region + ", store=" + store + ", dataDir=" + dataDir
                + ", serve=" + serve + "]";
    }

    /**
     * The endpoint, checked by the DynamoDB adapter's rule; a malformed one gets the adapter's
     * message and what leaving the key out means here.
     */
    private static URI endpoint(String value) {
        try {
            return DynamoDbAuditStoreProvider.endpoint(value);
        } catch (ConfigurationException malformed) {
            throw new ConfigurationException(malformed.getMessage() + " " + WITHOUT_ENDPOINT);
        }
    }

    /** Reads a quickstart key, turning a malformed value into the quickstart's own error. */
    private static <T> Optional<T> quickstartKey(java.util.function.Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (ConfigurationException e) {
            throw new QuickstartException(e.getMessage());
        }
    }
}

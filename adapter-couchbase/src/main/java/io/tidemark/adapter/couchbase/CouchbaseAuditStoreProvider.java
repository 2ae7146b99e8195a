package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.core.util.ConnectionString;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import io.tidemark.spi.support.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code couchbase} store, from configuration ({@code tidemark.store=couchbase}):
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code tidemark.couchbase.connection-string}</td><td>e.g. {@code couchbase://db1,db2}</td><td>required</td></tr>
 *   <tr><td>{@code tidemark.couchbase.username}</td><td>user with read/write access to the bucket</td><td>required</td></tr>
 *   <tr><td>{@code tidemark.couchbase.password}</td><td>its password; never shown</td><td>required</td></tr>
 *   <tr><td>{@code tidemark.couchbase.bucket}</td><td>the bucket (must exist)</td><td>required</td></tr>
 *   <tr><td>{@code tidemark.couchbase.scope}</td><td>scope inside the bucket</td><td>{@code _default}</td></tr>
 *   <tr><td>{@code tidemark.couchbase.collection}</td><td>collection inside the scope</td><td>{@code _default}</td></tr>
 *   <tr><td>{@code tidemark.couchbase.key-prefix}</td><td>prefix of every document key</td><td>{@code tidemark}</td></tr>
 *   <tr><td>{@code tidemark.couchbase.durability}</td><td>{@code NONE}, {@code MAJORITY},
 *       {@code MAJORITY_AND_PERSIST_TO_ACTIVE} or {@code PERSIST_TO_MAJORITY}</td><td>{@code NONE}</td></tr>
 *   <tr><td>{@code tidemark.couchbase.auto-create}</td><td>create a missing named scope/collection</td><td>{@code true}</td></tr>
 *   <tr><td>{@code tidemark.couchbase.page-size}</td><td>records per batch of parallel reads</td><td>100</td></tr>
 *   <tr><td>{@code tidemark.couchbase.timeout}</td><td>key-value operation timeout</td><td>SDK default (2.5s)</td></tr>
 * </table>
 *
 * <p>Creating the store makes no connection: the cluster is connected on first use and
 * disconnected when the store is closed.
 */
public final class CouchbaseAuditStoreProvider implements AuditStoreProvider {

    public static final String CONNECTION_STRING = "tidemark.couchbase.connection-string";
    public static final String USERNAME = "tidemark.couchbase.username";
    public static final String PASSWORD = "tidemark.couchbase.password";
    public static final String BUCKET = "tidemark.couchbase.bucket";
    public static final String SCOPE = "tidemark.couchbase.scope";
    public static final String COLLECTION = "tidemark.couchbase.collection";
    public static final String KEY_PREFIX = "tidemark.couchbase.key-prefix";
    public static final String DURABILITY = "tidemark.couchbase.durability";
    public static final String AUTO_CREATE = "tidemark.couchbase.auto-create";
    public static final String PAGE_SIZE = "tidemark.couchbase.page-size";
    public static final String TIMEOUT = "tidemark.couchbase.timeout";

    /** The longest key-value timeout {@value #TIMEOUT} accepts. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private static final List<String> DURABILITY_LEVELS = Arrays.stream(DurabilityLevel.values())
            .map(DurabilityLevel::name).toList();

    @Override
    public String name() {
        return "couchbase";
    }

    @Override
    public Set<String> keys() {
        return Set.of(CONNECTION_STRING, USERNAME, PASSWORD, BUCKET, SCOPE, COLLECTION, KEY_PREFIX, DURABILITY,
                AUTO_CREATE, PAGE_SIZE, TIMEOUT);
    }

    @Override
    public AuditStore create(TidemarkConfig config, Clock clock) {
        String connectionString = config.require(CONNECTION_STRING, "the Couchbase connection string, e.g. couchbase://db1");
        String shown = Secrets.display(CONNECTION_STRING, connectionString);
        checkConnectionString(connectionString, shown);
        String username = config.require(USERNAME, "the Couchbase user");
        String password = config.require(PASSWORD, "the Couchbase user's password");
        String bucket = config.require(BUCKET, "the Couchbase bucket holding the audit log");
        Optional<Duration> timeout = config.getDuration(TIMEOUT, Duration.ofMillis(1), MAX_TIMEOUT);

        ClusterConnection connection = ClusterConnection.ownedLazily(() -> Cluster.connect(connectionString,
                ClusterOptions.clusterOptions(username, password).environment(environment ->
                        timeout.ifPresent(kv -> environment.timeoutConfig(timeouts -> timeouts.kvTimeout(kv))))));
        CouchbaseAuditStore.Builder builder = CouchbaseAuditStore.owning(connection, bucket)
                .connectionString(shown)
                .clock(clock);
        config.get(SCOPE).ifPresent(builder::scope);
        config.get(COLLECTION).ifPresent(builder::collection);
        config.get(KEY_PREFIX).ifPresent(builder::keyPrefix);
        config.getChoice(DURABILITY, DURABILITY_LEVELS).map(DurabilityLevel::valueOf).ifPresent(builder::durability);
        config.getBoolean(AUTO_CREATE).ifPresent(builder::autoCreate);
        config.getLong(PAGE_SIZE).ifPresent(size -> builder.pageSize((int) Math.max(Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, size))));
        return builder.build();
    }

    private static void checkConnectionString(String connectionString, String shown) {
        try {
            ConnectionString parsed = ConnectionString.create(connectionString);
            if (parsed.hosts().isEmpty()) {
                throw new ConfigurationException("Invalid configuration " + CONNECTION_STRING + " = '" + shown
                        + "': it names no host; expected e.g. couchbase://db1,db2");
            }
        } catch (RuntimeException invalid) {
            if (invalid instanceof ConfigurationException configuration) {
                throw configuration;
            }
            throw new ConfigurationException("Invalid configuration " + CONNECTION_STRING + " = '" + shown
                    + "': " + Secrets.maskUriPasswords(String.valueOf(invalid.getMessage())) + "; expected e.g. couchbase://db1,db2");
        }
    }
}

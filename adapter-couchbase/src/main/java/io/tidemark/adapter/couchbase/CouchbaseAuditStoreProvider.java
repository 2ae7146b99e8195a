package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.env.ConnectionStringPropertyLoader;
import com.couchbase.client.core.error.CouchbaseException;
import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.core.util.ConnectionString;
import com.couchbase.client.java.env.ClusterEnvironment;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import io.tidemark.spi.support.ConfigurationProblems;
import io.tidemark.spi.support.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code couchbase} store, from configuration ({@code tidemark.store=couchbase}, or this adapter
 * alone on the class path) plus the keys below, from system properties, environment variables
 * ({@code TIDEMARK_COUCHBASE_BUCKET}, ...) or {@code tidemark.properties}:
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@value #CONNECTION_STRING}</td><td>e.g. {@code couchbase://host}, {@code couchbase://db1,db2},
 *       {@code couchbases://host} (TLS)</td><td>required</td></tr>
 *   <tr><td>{@value #USERNAME}</td><td>user with read/write access to the bucket</td><td>required</td></tr>
 *   <tr><td>{@value #PASSWORD}</td><td>its password; never shown</td><td>required</td></tr>
 *   <tr><td>{@value #BUCKET}</td><td>the bucket (must exist)</td><td>required</td></tr>
 *   <tr><td>{@value #SCOPE}</td><td>scope inside the bucket</td><td>{@code _default}</td></tr>
 *   <tr><td>{@value #COLLECTION}</td><td>collection inside the scope</td><td>{@code _default}</td></tr>
 *   <tr><td>{@value #KEY_PREFIX}</td><td>prefix of every document key</td><td>{@code tidemark}</td></tr>
 *   <tr><td>{@value #DURABILITY}</td><td>{@code NONE}, {@code MAJORITY},
 *       {@code MAJORITY_AND_PERSIST_TO_ACTIVE} or {@code PERSIST_TO_MAJORITY}; {@code NONE} breaks the
 *       contract on a cluster with replicas (see {@link CouchbaseAuditStore.Builder#durability})</td>
 *       <td>{@code NONE}</td></tr>
 *   <tr><td>{@value #AUTO_CREATE}</td><td>create a missing named scope/collection</td><td>{@code true}</td></tr>
 *   <tr><td>{@value #PAGE_SIZE}</td><td>record keys per batch of parallel reads, 1 to 10000</td><td>100</td></tr>
 *   <tr><td>{@value #TIMEOUT}</td><td>key-value operation timeout, up to 10m</td><td>SDK default (2.5s)</td></tr>
 *   <tr><td>{@value #CONNECT_TIMEOUT}</td><td>how long connecting may take until the bucket is ready,
 *       up to 10m</td><td>10s</td></tr>
 * </table>
 *
 * <p>Every problem of these keys is reported at once, in one {@code ConfigurationException}. A
 * malformed connection string is named with what is wrong and an example of a correct one.
 *
 * <p>Creating the store makes no connection: the cluster is connected on first use (waiting up to
 * the connect timeout for the bucket to be ready, with the SDK's reconnection warnings logged at
 * DEBUG meanwhile; see {@link CouchbaseRequests}) and disconnected when the store is closed.
 */
public final class CouchbaseAuditStoreProvider implements AuditStoreProvider {

    /** Seeds of the cluster, e.g. {@code couchbase://db1,db2}. */
    public static final String CONNECTION_STRING = "tidemark.couchbase.connection-string";
    /** The user. */
    public static final String USERNAME = "tidemark.couchbase.username";
    /** Its password. */
    public static final String PASSWORD = "tidemark.couchbase.password";
    /** The bucket holding the audit log. */
    public static final String BUCKET = "tidemark.couchbase.bucket";
    /** The scope inside the bucket. */
    public static final String SCOPE = "tidemark.couchbase.scope";
    /** The collection inside the scope. */
    public static final String COLLECTION = "tidemark.couchbase.collection";
    /** The prefix of every document key. */
    public static final String KEY_PREFIX = "tidemark.couchbase.key-prefix";
    /** Synchronous durability of writes. */
    public static final String DURABILITY = "tidemark.couchbase.durability";
    /** Whether a missing named scope and collection are created. */
    public static final String AUTO_CREATE = "tidemark.couchbase.auto-create";
    /** Record keys per batch of parallel reads. */
    public static final String PAGE_SIZE = "tidemark.couchbase.page-size";
    /** Key-value operation timeout. */
    public static final String TIMEOUT = "tidemark.couchbase.timeout";
    /** How long connecting may take, until the bucket is ready. */
    public static final String CONNECT_TIMEOUT = "tidemark.couchbase.connect-timeout";

    /** The connect timeout unless {@value #CONNECT_TIMEOUT} says otherwise. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest timeout {@value #TIMEOUT} and {@value #CONNECT_TIMEOUT} accept. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(CouchbaseAuditStoreProvider.class);
    private static final String EXAMPLE = "Expected a Couchbase connection string such as couchbase://host "
            + "(several hosts: couchbase://host1,host2; TLS: couchbases://host).";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|[0-9A-Fa-f:.%]*:[0-9A-Fa-f:.%]*");
    private static final int MAX_PORT = 65_535;
    private static final List<String> DURABILITY_LEVELS =
            Arrays.stream(DurabilityLevel.values()).map(DurabilityLevel::name).toList();

    /** The provider {@link java.util.ServiceLoader} instantiates; it holds no state. */
    public CouchbaseAuditStoreProvider() {}

    @Override
    public String name() {
        return "couchbase";
    }

    @Override
    public Set<String> keys() {
        return Set.of(
                CONNECTION_STRING,
                USERNAME,
                PASSWORD,
                BUCKET,
                SCOPE,
                COLLECTION,
                KEY_PREFIX,
                DURABILITY,
                AUTO_CREATE,
                PAGE_SIZE,
                TIMEOUT,
                CONNECT_TIMEOUT);
    }

    /**
     * A Couchbase audit store from {@code config}, with the lock service taking time from {@code clock}.
     *
     * @throws ConfigurationException naming every invalid or missing key at once
     */
    @Override
    public AuditStore create(TidemarkConfig config, Clock clock) {
        ConfigurationProblems problems = new ConfigurationProblems();
        Optional<String> connectionString =
                required(config, problems, CONNECTION_STRING, "the Couchbase connection string, e.g. couchbase://host");
        connectionString
                .flatMap(CouchbaseAuditStoreProvider::connectionStringProblem)
                .ifPresent(problem -> problems.add(
                        CONNECTION_STRING,
                        "Invalid configuration " + CONNECTION_STRING + " = '"
                                + Secrets.display(CONNECTION_STRING, connectionString.get()) + "': " + problem + " "
                                + EXAMPLE));
        Optional<String> username = required(config, problems, USERNAME, "the Couchbase user");
        Optional<String> password = required(config, problems, PASSWORD, "the Couchbase user's password");
        Optional<String> bucket = required(config, problems, BUCKET, "the Couchbase bucket holding the audit log");
        bucket.flatMap(name -> CouchbaseSettings.nameProblem("bucket", name))
                .ifPresent(problem -> problems.add(BUCKET, problem + " (" + BUCKET + ")"));
        Optional<String> scope = config.get(SCOPE);
        scope.flatMap(name -> CouchbaseSettings.nameProblem("scope", name))
                .ifPresent(problem -> problems.add(SCOPE, problem + " (" + SCOPE + ")"));
        Optional<String> collection = config.get(COLLECTION);
        collection
                .flatMap(name -> CouchbaseSettings.nameProblem("collection", name))
                .ifPresent(problem -> problems.add(COLLECTION, problem + " (" + COLLECTION + ")"));
        Optional<String> keyPrefix = config.get(KEY_PREFIX);
        keyPrefix
                .flatMap(CouchbaseSettings::keyPrefixProblem)
                .ifPresent(problem -> problems.add(KEY_PREFIX, problem + " (" + KEY_PREFIX + ")"));
        Optional<DurabilityLevel> durability = problems.read(
                DURABILITY,
                () -> config.getChoice(DURABILITY, DURABILITY_LEVELS).map(DurabilityLevel::valueOf));
        Optional<Boolean> autoCreate = problems.read(AUTO_CREATE, () -> config.getBoolean(AUTO_CREATE));
        Optional<Long> pageSize = problems.read(PAGE_SIZE, () -> config.getLong(PAGE_SIZE));
        pageSize.flatMap(CouchbaseSettings::pageSizeProblem)
                .ifPresent(problem -> problems.add(PAGE_SIZE, problem + " (" + PAGE_SIZE + ")"));
        Optional<Duration> timeout =
                problems.read(TIMEOUT, () -> config.getDuration(TIMEOUT, Duration.ofMillis(1), MAX_TIMEOUT));
        Optional<Duration> connectTimeout = problems.read(
                CONNECT_TIMEOUT, () -> config.getDuration(CONNECT_TIMEOUT, Duration.ofMillis(1), MAX_TIMEOUT));
        problems.throwIfAny();

        CouchbaseRequests.Connect connect = new CouchbaseRequests.Connect(
                connectionString.orElseThrow(),
                username.orElseThrow(),
                password.orElseThrow(),
                timeout,
                connectTimeout.orElse(DEFAULT_CONNECT_TIMEOUT));
        CouchbaseAuditStore.Builder builder =
                CouchbaseAuditStore.connecting(connect, bucket.orElseThrow()).clock(clock);
        scope.ifPresent(builder::scope);
        collection.ifPresent(builder::collection);
        keyPrefix.ifPresent(builder::keyPrefix);
        durability.ifPresent(builder::durability);
        autoCreate.ifPresent(builder::autoCreate);
        pageSize.ifPresent(size -> builder.pageSize(size.intValue()));
        CouchbaseAuditStore store = builder.build();
        log.debug("Couchbase audit store from configuration: {}", store.describe());
        return store;
    }

    private static Optional<String> required(
            TidemarkConfig config, ConfigurationProblems problems, String key, String purpose) {
        return problems.read(key, () -> Optional.of(config.require(key, purpose)));
    }

    /**
     * What is wrong with {@code connectionString}, if anything: what the SDK cannot parse, credentials
     * in it (they belong in their own keys), a host that is no host name or address, a port out of
     * range, or a parameter that is no setting of the SDK. Nothing of the value is repeated, so no
     * password in it can leak through here.
     */
    static Optional<String> connectionStringProblem(String connectionString) {
        ConnectionString parsed;
        try {
            parsed = ConnectionString.create(connectionString);
        } catch (CouchbaseException unparsable) {
            if (connectionString.contains("@")) {
                return Optional.of("it cannot be parsed, and it seems to hold a user name or password (an '@'); set "
                        + "them in " + USERNAME + " and " + PASSWORD + " instead.");
            }
            String message = String.valueOf(unparsable.getMessage());
            int reason = message.indexOf(" ; ");
            String why = reason >= 0 ? message.substring(reason + 3).strip() : "it cannot be parsed";
            return Optional.of(why.endsWith(".") ? why : why + ".");
        }
        if (parsed.username() != null) {
            return Optional.of(
                    "it holds a user name or password; set them in " + USERNAME + " and " + PASSWORD + " instead.");
        }
        for (ConnectionString.UnresolvedSocket host : parsed.hosts()) {
            if (!HOST.matcher(host.host()).matches()) {
                return Optional.of("'" + Secrets.maskUriPasswords(host.host()) + "' is not a host name or address"
                        + (host.host().contains("/")
                                ? " (a connection string names hosts only: no '/' after them, and "
                                        + "'://' after the scheme; the bucket is set by " + BUCKET + ")"
                                : "")
                        + ".");
            }
            if (host.port() < 0 || host.port() > MAX_PORT) {
                return Optional.of("port " + host.port() + " of host '" + host.host() + "' is out of range (1 to "
                        + MAX_PORT + ").");
            }
        }
        try {
            ClusterEnvironment.builder().load(new ConnectionStringPropertyLoader(parsed));
        } catch (CouchbaseException unknown) {
            return Optional.of("a parameter after '?' is not a setting of the Couchbase client ("
                    + Secrets.maskUriPasswords(String.valueOf(unknown.getMessage())) + ").");
        }
        return Optional.empty();
    }
}

package io.tidemark.adapter.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStoreProvider;
import io.tidemark.spi.support.ConfigurationProblems;
import io.tidemark.spi.support.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The {@code mongodb} store ({@code tidemark.store=mongodb}), built from configuration: system
 * properties, environment variables ({@code TIDEMARK_MONGODB_URI}, ...) or {@code tidemark.properties}.
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@value #URI}</td><td>connection string, {@code mongodb://} or {@code mongodb+srv://}, such as
 *       {@code mongodb://host:27017}; user and password go in it. Its {@code w}, {@code journal},
 *       {@code readConcernLevel} and {@code readPreference} options may only ask for what the store
 *       uses anyway (majority, journaled, primary; a {@code wtimeoutMS} is taken): a weaker one is
 *       refused</td><td>required</td></tr>
 *   <tr><td>{@value #DATABASE}</td><td>database holding the collections</td><td>the database in the
 *       connection string's path</td></tr>
 *   <tr><td>{@value #AUDIT_COLLECTION}</td><td>audit collection</td><td>{@code tidemarkAudit}</td></tr>
 *   <tr><td>{@value #LOCK_COLLECTION}</td><td>lock collection</td><td>{@code tidemarkLock}</td></tr>
 *   <tr><td>{@value #AUTO_CREATE}</td><td>create the collections and the unique index; false only
 *       verifies them</td><td>true</td></tr>
 *   <tr><td>{@value #CONNECT_TIMEOUT}</td><td>how long a request waits for a server before it fails
 *       (the driver's server selection timeout, and at most as long to open a connection), such as
 *       {@code 10s} or {@code 500ms}, from 100ms to 10m</td><td>{@code serverSelectionTimeoutMS} of the
 *       connection string, else 10s</td></tr>
 * </table>
 *
 * <p>Every problem of these keys is reported at once, in one {@link ConfigurationException}.
 * Creating the store opens no connection (the driver connects on first use); the first request
 * logs at INFO which hosts it waits for, and how long. The store owns its client and closes it. The
 * password of the connection string appears nowhere: not in {@code describe()}, messages or logs.
 */
public final class MongoAuditStoreProvider implements AuditStoreProvider {

    /** The connection string. */
    public static final String URI = "tidemark.mongodb.uri";
    /** The database holding the collections. */
    public static final String DATABASE = "tidemark.mongodb.database";
    /** The audit collection's name. */
    public static final String AUDIT_COLLECTION = "tidemark.mongodb.audit-collection";
    /** The lock collection's name. */
    public static final String LOCK_COLLECTION = "tidemark.mongodb.lock-collection";
    /** Whether missing collections and the index are created. */
    public static final String AUTO_CREATE = "tidemark.mongodb.auto-create";
    /** How long a request waits for a server. */
    public static final String CONNECT_TIMEOUT = "tidemark.mongodb.connect-timeout";

    /** Application name the store's client announces to the server when the connection string sets none. */
    static final String APPLICATION_NAME = "tidemark";

    private static final String EXPECTED_URI = "Expected a MongoDB connection string such as mongodb://host:27017, "
            + "in full mongodb://[user:password@]host[:port][,host2[:port]...][/database][?options], or "
            + "mongodb+srv://[user:password@]cluster.example.net[/database][?options] for a DNS seed list.";

    /** The provider {@link java.util.ServiceLoader} instantiates; it holds no state. */
    public MongoAuditStoreProvider() {}

    @Override
    public String name() {
        return "mongodb";
    }

    @Override
    public Set<String> keys() {
        return Set.of(URI, DATABASE, AUDIT_COLLECTION, LOCK_COLLECTION, AUTO_CREATE, CONNECT_TIMEOUT);
    }

    /**
     * A MongoDB audit store from {@code config}, with the lock service taking time from {@code clock}.
     *
     * @throws ConfigurationException naming every missing or invalid key at once
     */
    @Override
    public MongoAuditStore create(TidemarkConfig config, Clock clock) {
        ConfigurationProblems problems = new ConfigurationProblems();
        Optional<ConnectionString> connection = problems.read(URI, () -> Optional.of(connectionString(config)));
        Optional<String> database = database(config, connection, problems);
        String audit = collection(
                config, AUDIT_COLLECTION, "audit collection", MongoAuditStore.DEFAULT_AUDIT_COLLECTION, problems);
        String lock = collection(
                config, LOCK_COLLECTION, "lock collection", MongoAuditStore.DEFAULT_LOCK_COLLECTION, problems);
        if (problems.isFine(AUDIT_COLLECTION) && problems.isFine(LOCK_COLLECTION)) {
            MongoSettings.sameCollectionsProblem(audit, lock)
                    .ifPresent(problem -> problems.add(
                            LOCK_COLLECTION,
                            "Invalid configuration of " + AUDIT_COLLECTION + " and " + LOCK_COLLECTION + ": " + problem
                                    + "."));
        }
        Optional<Boolean> autoCreate = problems.read(AUTO_CREATE, () -> config.getBoolean(AUTO_CREATE));
        Optional<Duration> timeout = problems.read(
                CONNECT_TIMEOUT,
                () -> config.getDuration(
                        CONNECT_TIMEOUT, MongoAuditStore.MIN_CONNECT_TIMEOUT, MongoAuditStore.MAX_CONNECT_TIMEOUT));
        WriteConcern writeConcern =
                connection.map(MongoAuditStoreProvider::writeConcern).orElse(MongoAuditStore.DEFAULT_WRITE_CONCERN);
        ReadConcern readConcern =
                connection.map(ConnectionString::getReadConcern).orElse(ReadConcern.MAJORITY);
        ReadPreference readPreference =
                connection.map(ConnectionString::getReadPreference).orElse(ReadPreference.primary());
        String masked = Secrets.display(URI, config.get(URI).orElse(""));
        for (String problem : MongoSettings.concernProblems(writeConcern, readConcern, readPreference)) {
            problems.add(
                    URI,
                    "Invalid configuration " + URI + " = '" + masked + "': " + problem + " Remove the option "
                            + "(w, journal, readConcernLevel or readPreference) from the connection string; if the "
                            + "application needs it, give Tidemark a connection string of its own.");
        }
        String waitSetting = CONNECT_TIMEOUT;
        Duration wait = MongoAuditStore.DEFAULT_CONNECT_TIMEOUT;
        Optional<Integer> uriWait = connection.map(ConnectionString::getServerSelectionTimeout);
        if (timeout.isPresent()) {
            wait = timeout.get();
            if (uriWait.isPresent() && uriWait.get() != wait.toMillis()) {
                problems.add(
                        CONNECT_TIMEOUT,
                        "Configuration " + CONNECT_TIMEOUT + " = '"
                                + config.get(CONNECT_TIMEOUT).orElseThrow() + "' and serverSelectionTimeoutMS="
                                + uriWait.get() + " in " + URI + " disagree "
                                + "on how long to wait for a server: set one of them.");
            }
        } else if (uriWait.isPresent() && problems.isFine(CONNECT_TIMEOUT)) {
            wait = Duration.ofMillis(uriWait.get());
            waitSetting = "serverSelectionTimeoutMS in " + URI;
            MongoSettings.connectTimeoutProblem(wait)
                    .ifPresent(problem -> problems.add(
                            URI,
                            "Invalid configuration "
                                    + URI + " = '" + masked + "': serverSelectionTimeoutMS is the wait for a server. "
                                    + problem
                                    + "; or leave it out and set " + CONNECT_TIMEOUT + "."));
        }
        problems.throwIfAny();

        MongoClientSettings.Builder clientSettings =
                MongoClientSettings.builder().applyConnectionString(connection.orElseThrow());
        if (connection.get().getApplicationName() == null) {
            clientSettings.applicationName(APPLICATION_NAME);
        }
        try {
            return MongoAuditStore.builder(clientSettings.build(), database.orElseThrow())
                    .clock(clock)
                    .auditCollection(audit)
                    .lockCollection(lock)
                    .autoCreate(autoCreate.orElse(true))
                    .writeConcern(writeConcern)
                    .readConcern(readConcern)
                    .readPreference(readPreference)
                    .connectTimeout(wait)
                    .waitSetting(waitSetting)
                    .fromConfiguration()
                    .build();
        } catch (ConfigurationException e) {
            throw new ConfigurationException("Invalid configuration " + URI + " = '" + masked + "': " + e.getMessage());
        }
    }

    /** The parsed connection string; a missing or malformed one is a {@link ConfigurationException} showing no password. */
    private static ConnectionString connectionString(TidemarkConfig config) {
        String uri = config.require(
                URI,
                "the MongoDB connection string, such as mongodb://host:27017 or "
                        + "mongodb://user:password@host:27017/app");
        try {
            return new ConnectionString(uri);
        } catch (RuntimeException e) {
            // No cause attached, and with credentials in the string not even the driver's text: it may quote
            // pieces of the connection string, the password included (two characters after an invalid '%').
            String masked = Secrets.display(URI, uri);
            String reason = masked.equals(uri)
                    ? Secrets.maskUriPasswords(String.valueOf(e.getMessage()))
                    : "the driver refused it (its reason is not shown, as it may quote the password). Check the syntax; "
                            + "in the user name and password, percent-encode the characters % @ : / ? # [ ] (as %25, %40, "
                            + "%3A, %2F, %3F, %23, %5B, %5D)";
            throw new ConfigurationException(
                    "Invalid configuration " + URI + " = '" + masked + "': " + reason + ". " + EXPECTED_URI);
        }
    }

    /** The write concern the connection string asks for, on top of the store's default. */
    private static WriteConcern writeConcern(ConnectionString connection) {
        WriteConcern requested = connection.getWriteConcern();
        WriteConcern effective = MongoAuditStore.DEFAULT_WRITE_CONCERN;
        if (requested == null) {
            return effective;
        }
        if (requested.getWObject() instanceof Integer members) {
            effective = effective.withW(members);
        } else if (requested.getWObject() instanceof String tag) {
            effective = effective.withW(tag);
        }
        if (requested.getJournal() != null) {
            effective = effective.withJournal(requested.getJournal());
        }
        Integer timeout = requested.getWTimeout(TimeUnit.MILLISECONDS);
        return timeout == null ? effective : effective.withWTimeout(timeout, TimeUnit.MILLISECONDS);
    }

    private static Optional<String> database(
            TidemarkConfig config, Optional<ConnectionString> connection, ConfigurationProblems problems) {
        Optional<String> fromKey = config.get(DATABASE);
        if (fromKey.isPresent()) {
            Optional<String> problem = MongoSettings.databaseNameProblem(fromKey.get());
            problem.ifPresent(text -> problems.add(DATABASE, "Invalid configuration " + DATABASE + ": " + text + "."));
            return problem.isPresent() ? Optional.empty() : fromKey;
        }
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> fromPath = Optional.ofNullable(connection.get().getDatabase());
        if (fromPath.isEmpty()) {
            problems.add(
                    DATABASE,
                    "Missing configuration " + DATABASE + " (the MongoDB database holding Tidemark's "
                            + "collections): set it (" + config.whereToSet(DATABASE)
                            + "), or name the database in the path of "
                            + URI + " (mongodb://host:27017/app).");
            return Optional.empty();
        }
        Optional<String> problem = MongoSettings.databaseNameProblem(fromPath.get());
        problem.ifPresent(text ->
                problems.add(URI, "Invalid configuration " + URI + ": the database in its path. " + text + "."));
        return problem.isPresent() ? Optional.empty() : fromPath;
    }

    private static String collection(
            TidemarkConfig config, String key, String what, String defaultName, ConfigurationProblems problems) {
        String name = config.get(key).orElse(defaultName);
        MongoSettings.collectionNameProblem(what, name)
                .ifPresent(problem -> problems.add(key, "Invalid configuration " + key + ": " + problem + "."));
        return name;
    }
}

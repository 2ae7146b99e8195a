package io.tidemark.adapter.mongodb;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.connection.ServerDescription;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.BSONException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one class that sends requests to MongoDB: it alone holds the client, the database and the
 * two collections, and every call of the driver that may reach a server goes through
 * {@link #call}, which applies {@link MongoFailures} exactly once. Callers pass the request as a
 * function of the collection (or database, or client), and optionally the driver failures that
 * are an <em>answer</em> rather than a failure (a duplicate key is "sequence taken" to an append
 * and "held" to a lock). Exceptions that are not the driver's pass through unchanged.
 *
 * <p><b>Waiting for a server.</b> The driver waits for a server before the first request (its
 * server selection timeout; {@value MongoAuditStoreProvider#CONNECT_TIMEOUT} for clients the
 * provider creates). So that an unreachable deployment is not a silent wait, the first request of
 * a store logs at INFO, when no server is connected yet, which hosts it waits for and for how long:
 * once per store, and not at all when the client is already connected. The hosts come from the driver's seed list, which holds no credentials.
 */
final class MongoRequests {

    private static final Logger log = LoggerFactory.getLogger(MongoRequests.class);

    private final MongoClient client;
    private final MongoDatabase database;
    private final MongoCollection<Document> audit;
    private final MongoCollection<Document> locks;
    private final MongoSettings settings;
    private final MongoFailures failures;
    private final AtomicBoolean announced = new AtomicBoolean();

    MongoRequests(MongoClient client, MongoSettings settings, MongoFailures failures) {
        this.client = client;
        this.settings = settings;
        this.failures = failures;
        this.database = client.getDatabase(failures.database())
                .withCodecRegistry(MongoClientSettings.getDefaultCodecRegistry())
                .withWriteConcern(settings.writeConcern())
                .withReadConcern(settings.readConcern())
                .withReadPreference(settings.readPreference());
        this.audit = database.getCollection(settings.auditCollection());
        this.locks = database.getCollection(settings.lockCollection());
    }

    MongoFailures failures() {
        return failures;
    }

    MongoSettings settings() {
        return settings;
    }

    /** A request on the audit collection. */
    <T> T audit(String action, Function<MongoCollection<Document>, T> request) {
        return audit(action, request, failure -> Optional.empty());
    }

    /** A request on the audit collection, with the driver failures that are an answer. */
    <T> T audit(
            String action,
            Function<MongoCollection<Document>, T> request,
            Function<MongoException, Optional<T>> answers) {
        return call(settings.auditCollection(), action, () -> request.apply(audit), answers);
    }

    /** A request on the lock collection. */
    <T> T lock(String action, Function<MongoCollection<Document>, T> request) {
        return lock(action, request, failure -> Optional.empty());
    }

    /** A request on the lock collection, with the driver failures that are an answer. */
    <T> T lock(
            String action,
            Function<MongoCollection<Document>, T> request,
            Function<MongoException, Optional<T>> answers) {
        return call(settings.lockCollection(), action, () -> request.apply(locks), answers);
    }

    /** A request on the database, about {@code collection} (null: the database itself), with its answers. */
    <T> T database(
            String collection,
            String action,
            Function<MongoDatabase, T> request,
            Function<MongoException, Optional<T>> answers) {
        return call(collection, action, () -> request.apply(database), answers);
    }

    /** A request on the deployment: commands on {@code admin}, sessions. */
    <T> T client(String action, Function<MongoClient, T> request, Function<MongoException, Optional<T>> answers) {
        return call(null, action, () -> request.apply(client), answers);
    }

    /** A request on an object the driver handed out (a session), about {@code collection}. */
    void run(String collection, String action, Runnable request) {
        call(
                collection,
                action,
                () -> {
                    request.run();
                    return null;
                },
                failure -> Optional.empty());
    }

    /**
     * Sends {@code request}: its result, or the answer {@code answers} gives for a driver failure,
     * or else that failure translated by {@link MongoFailures}. An exception thrown by
     * {@code answers} itself propagates as it is.
     */
    <T> T call(String collection, String action, Supplier<T> request, Function<MongoException, Optional<T>> answers) {
        announceWaitOnce();
        try {
            return request.get();
        } catch (MongoException e) {
            Optional<T> answer = answers.apply(e);
            if (answer.isPresent()) {
                return answer.get();
            }
            throw failures.translate(collection, action, e);
        } catch (BSONException e) {
            throw failures.translate(collection, action, e);
        }
    }

    /** At the store's first request only: when no server is connected yet, logs what the driver waits for. */
    private void announceWaitOnce() {
        if (announced.get() || !announced.compareAndSet(false, true) || isConnected()) {
            return;
        }
        log.info(
                "Connecting to {}: waiting {} for a server to answer ({})",
                failures.describe(),
                failures.serverWait()
                        .map(wait -> "up to " + MongoSettings.format(wait))
                        .orElse("without a time limit"),
                failures.waitSetting());
    }

    private boolean isConnected() {
        return client.getClusterDescription().getServerDescriptions().stream().anyMatch(ServerDescription::isOk);
    }
}

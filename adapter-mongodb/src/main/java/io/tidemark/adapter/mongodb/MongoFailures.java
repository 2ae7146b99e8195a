package io.tidemark.adapter.mongodb;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoConfigurationException;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterSettings;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.support.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.BSONException;
import org.bson.BsonMaximumSizeExceededException;

/**
 * The one place where the driver's exceptions become Tidemark's, so that none escapes the adapter
 * and every message names the same things: the hosts, the database and collection, and what was
 * being done. Only the driver's exceptions ({@link MongoException}, and {@link BSONException} from
 * encoding and decoding) are translated: anything else is a bug in Tidemark and is never passed
 * off as an unavailable store. {@link MongoRequests} applies it to every request.
 *
 * <p>Refused authentication or authorisation, a client configured wrongly, and documents that
 * cannot be encoded are {@link ConfigurationException}s (something has to be changed); everything
 * else, above all server selection timeouts and network errors, is a
 * {@link StoreUnavailableException} (retrying later may succeed).
 *
 * <p>Credentials never appear: the hosts are the driver's seed list (which holds no user
 * information), and any text taken from the driver has URI passwords masked.
 */
final class MongoFailures {

    /** Server error codes that mean "you may not": Unauthorized, AuthenticationFailed. */
    private static final Set<Integer> NOT_PERMITTED = Set.of(13, 18);

    private static final int TYPE_MISMATCH = 14;
    private static final int MAX_DETAIL_LENGTH = 600;

    private final List<String> hosts;
    private final String database;
    private final Optional<Duration> wait;
    private final String waitSetting;

    /**
     * @param hosts       {@code host:port} of every seed, or the {@code mongodb+srv://} name
     * @param database    the database holding the collections
     * @param wait        how long the client waits for a server (empty: without limit)
     * @param waitSetting what sets that wait, for messages
     */
    MongoFailures(List<String> hosts, String database, Optional<Duration> wait, String waitSetting) {
        this.hosts = List.copyOf(hosts);
        this.database = database;
        this.wait = wait;
        this.waitSetting = waitSetting;
    }

    /** Hosts and wait as {@code client} was configured with them; asking does not contact a server. */
    static MongoFailures of(MongoClient client, String database, String waitSetting) {
        ClusterSettings settings = client.getClusterDescription().getClusterSettings();
        if (settings == null) {
            return new MongoFailures(List.of("unknown hosts"), database, Optional.empty(), waitSetting);
        }
        List<String> hosts = settings.getSrvHost() != null
                ? List.of("mongodb+srv://" + settings.getSrvHost())
                : settings.getHosts().stream().map(ServerAddress::toString).toList();
        long millis = settings.getServerSelectionTimeout(TimeUnit.MILLISECONDS);
        return new MongoFailures(
                hosts, database, millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis)), waitSetting);
    }

    /** The seed list, for messages. */
    List<String> hosts() {
        return hosts;
    }

    /** The database holding the collections. */
    String database() {
        return database;
    }

    /** How long the client waits for a server before a request fails; empty when it waits without limit. */
    Optional<Duration> serverWait() {
        return wait;
    }

    /** What sets {@link #serverWait()}, e.g. the configuration key. */
    String waitSetting() {
        return waitSetting;
    }

    /** "MongoDB [h1:27017, h2:27017] database 'app'". */
    String describe() {
        return "MongoDB " + hosts + " database '" + database + "'";
    }

    /** "MongoDB [h1:27017] collection 'app.tidemarkAudit'". */
    String describe(String collection) {
        return "MongoDB " + hosts + " collection '" + database + "." + collection + "'";
    }

    /**
     * The Tidemark exception for {@code failure}, one of the driver's, which happened while doing
     * {@code action} on {@code collection} (null: on the database or the deployment).
     */
    TidemarkException translate(String collection, String action, RuntimeException failure) {
        String where = collection == null ? describe() : describe(collection);
        String prefix = where + ": " + action + " failed: ";
        if (failure instanceof MongoSecurityException) {
            return new ConfigurationException(
                    prefix + "authentication was refused (" + detail(failure) + "). Check "
                            + "the user name, password and authSource of the connection string.",
                    failure);
        }
        if (failure instanceof MongoServerException server && NOT_PERMITTED.contains(server.getCode())) {
            return new ConfigurationException(
                    prefix + "the user is not permitted (" + detail(failure) + "). Grant it "
                            + "the readWrite role on database '" + database + "' (it covers reading, writing, and "
                            + "creating the collections and the index).",
                    failure);
        }
        if (failure instanceof MongoConfigurationException) {
            return new ConfigurationException(
                    prefix + "the client is configured wrongly (" + detail(failure) + "). Check the connection string.",
                    failure);
        }
        if (failure instanceof BsonMaximumSizeExceededException) {
            return new ConfigurationException(
                    prefix + "the document is larger than MongoDB's 16 MB limit (" + detail(failure)
                            + "). Nothing was written.",
                    failure);
        }
        if (failure instanceof BSONException) {
            return new ConfigurationException(
                    prefix + "a document could not be encoded or decoded (" + detail(failure) + ").", failure);
        }
        if (failure instanceof MongoInterruptedException) {
            Thread.currentThread().interrupt();
            return new StoreUnavailableException(
                    prefix + "the thread was interrupted while waiting for the server.", failure);
        }
        if (failure instanceof MongoTimeoutException
                && String.valueOf(failure.getMessage()).contains("for a server")) {
            return new StoreUnavailableException(
                    prefix + "no server of " + hosts + " answered"
                            + wait.map(d -> " within " + MongoSettings.format(d))
                                    .orElse("") + " (the wait is set by "
                            + waitSetting
                            + "). Check that the servers are running and reachable from this host; retrying "
                            + "later may succeed. " + detail(failure),
                    failure);
        }
        return new StoreUnavailableException(
                prefix + detail(failure) + ". Check that the servers are running and "
                        + "reachable from this host; retrying later may succeed.",
                failure);
    }

    /** Whether {@code failure} reports a unique index violation (code 11000 and its relatives). */
    static boolean isDuplicateKey(MongoException failure) {
        if (failure instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return failure instanceof MongoServerException
                && ErrorCategory.fromErrorCode(failure.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    /** Whether the server refused an update because a field holds a value of another type (TypeMismatch). */
    static boolean isTypeMismatch(MongoException failure) {
        return failure instanceof MongoServerException && failure.getCode() == TYPE_MISMATCH;
    }

    /** The failure's type and message, URI passwords masked, bounded in length. */
    static String detail(Throwable failure) {
        String message = failure.getMessage() == null ? "" : Secrets.maskUriPasswords(failure.getMessage());
        if (message.length() > MAX_DETAIL_LENGTH) {
            message = message.substring(0, MAX_DETAIL_LENGTH) + "...";
        }
        return failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}

package io.tidemark.adapter.mongodb;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoConfigurationException;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.support.Secrets;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.BSONException;
import org.bson.BsonMaximumSizeExceededException;

/**
 * The one place where driver exceptions become Tidemark exceptions, so that none escapes the
 * adapter and every message names the same things: the hosts, the database and collection, and
 * what was being done. Credentials never appear: the location is built from the seed list, and
 * any text taken from the driver has URI passwords masked.
 *
 * <p>Refused authentication or authorisation, and documents that cannot be read as audit records,
 * are {@link ConfigurationException}s (something has to be changed); everything else, above all
 * server selection timeouts and network errors, is a {@link StoreUnavailableException} (retrying
 * later may succeed).
 */
final class MongoFailures {

    /** Server error codes that mean "you may not": Unauthorized, AuthenticationFailed. */
    private static final Set<Integer> NOT_PERMITTED = Set.of(13, 18);
    private static final int MAX_DETAIL_LENGTH = 600;

    private final MongoLocation location;

    MongoFailures(MongoLocation location) {
        this.location = location;
    }

    MongoLocation location() {
        return location;
    }

    /** Runs one driver operation on {@code collection}; translates whatever the driver throws. */
    <T> T guard(String collection, String action, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (MongoException | BSONException e) {
            throw translate(collection, action, e);
        }
    }

    /** As {@link #guard(String, String, Supplier)} for operations without a result. */
    void guardRun(String collection, String action, Runnable operation) {
        guard(collection, action, () -> {
            operation.run();
            return null;
        });
    }

    /** The Tidemark exception for {@code failure}, which happened while doing {@code action} on {@code collection}. */
    TidemarkException translate(String collection, String action, RuntimeException failure) {
        String where = collection == null ? location.describe() : location.describe(collection);
        String prefix = where + ": " + action + " failed: ";
        if (failure instanceof MongoSecurityException) {
            return new ConfigurationException(prefix + "authentication was refused (" + detail(failure) + "). Check "
                    + "the user name, password and authSource of the connection string.", failure);
        }
        if (failure instanceof MongoServerException server && NOT_PERMITTED.contains(server.getCode())) {
            return new ConfigurationException(prefix + "the user is not permitted (" + detail(failure) + "). Grant it "
                    + "the readWrite role on database '" + location.database() + "' (it covers reading, writing, and "
                    + "creating the collections and the index).", failure);
        }
        if (failure instanceof MongoConfigurationException) {
            return new ConfigurationException(prefix + "the client is configured wrongly (" + detail(failure)
                    + "). Check the connection string.", failure);
        }
        if (failure instanceof BsonMaximumSizeExceededException) {
            return new ConfigurationException(prefix + "the document is larger than MongoDB's 16 MB limit ("
                    + detail(failure) + "). Nothing was written.", failure);
        }
        if (failure instanceof BSONException) {
            return new ConfigurationException(prefix + "a document could not be encoded or decoded ("
                    + detail(failure) + ").", failure);
        }
        if (failure instanceof MongoInterruptedException) {
            Thread.currentThread().interrupt();
            return new StoreUnavailableException(prefix + "the thread was interrupted while waiting for the server.",
                    failure);
        }
        return new StoreUnavailableException(prefix + detail(failure) + ". Check that the servers are running and "
                + "reachable from this host; retrying later may succeed.", failure);
    }

    /** Whether {@code failure} reports a unique index violation (code 11000 and its relatives). */
    static boolean isDuplicateKey(MongoException failure) {
        if (failure instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return failure instanceof MongoServerException
                && ErrorCategory.fromErrorCode(failure.getCode()) == ErrorCategory.DUPLICATE_KEY;
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

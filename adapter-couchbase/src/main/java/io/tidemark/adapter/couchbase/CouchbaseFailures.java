package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.AlreadyShutdownException;
import com.couchbase.client.core.error.AmbiguousTimeoutException;
import com.couchbase.client.core.error.AuthenticationFailureException;
import com.couchbase.client.core.error.BucketNotFoundException;
import com.couchbase.client.core.error.CollectionNotFoundException;
import com.couchbase.client.core.error.CouchbaseException;
import com.couchbase.client.core.error.DurabilityImpossibleException;
import com.couchbase.client.core.error.DurabilityLevelNotAvailableException;
import com.couchbase.client.core.error.FeatureNotAvailableException;
import com.couchbase.client.core.error.InvalidArgumentException;
import com.couchbase.client.core.error.ScopeNotFoundException;
import com.couchbase.client.core.error.TimeoutException;
import com.couchbase.client.core.error.ValueTooLargeException;
import com.couchbase.client.core.error.context.CancellationErrorContext;
import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.core.retry.RetryReason;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Turns the Couchbase SDK's exceptions, and only those, into Tidemark's: every SDK failure leaves the
 * adapter through here (called once per request by {@link CouchbaseRequests}), and anything that is
 * not an SDK exception (a bug in Tidemark, or a Tidemark exception raised on purpose) passes through
 * as itself, never disguised as an unavailable store. The SDK's exceptions are its
 * {@link CouchbaseException}s and whatever else its own code throws (see {@link #isFromTheSdk}).
 *
 * <ul>
 *   <li>Timeouts, cancelled requests, unreachable or overloaded clusters become a
 *       {@link StoreUnavailableException} (transient: retrying may help) naming the connection string,
 *       never the password.</li>
 *   <li>A missing bucket, scope or collection, refused credentials, an impossible durability level
 *       or a cluster without collections become a {@link ConfigurationException} saying which
 *       setting to fix.</li>
 * </ul>
 *
 * <p>The 3.x SDK does not report a missing bucket directly: it keeps retrying the bucket open and
 * the operation ends in a timeout whose retry reasons contain {@code BUCKET_OPEN_IN_PROGRESS}, exactly
 * as when the cluster is unreachable. Such a timeout becomes a {@link BucketNotOpenedException}, on
 * which the requester asks the cluster's bucket manager once (see {@link CouchbaseRequests}): a
 * "not found" answer turns it into {@link #missingBucket}. A missing collection likewise shows up as a
 * timeout with the {@code COLLECTION_NOT_FOUND} retry reason, or directly as
 * {@link CollectionNotFoundException}/{@link ScopeNotFoundException}; both become a
 * {@link MissingKeyspaceException} that the requester may answer by creating it.
 */
final class CouchbaseFailures {

    /** The native socket call a connection failure names first, e.g. {@code finishConnect(..) failed with error(-111): }. */
    private static final Pattern SOCKET_CALL = Pattern.compile("^\\w+\\(\\.\\.\\) failed with error\\(-?\\d+\\): ");

    private final CouchbaseSettings settings;

    CouchbaseFailures(CouchbaseSettings settings) {
        this.settings = settings;
    }

    /** A missing scope or collection, which a store with auto-create on repairs by creating it. */
    static final class MissingKeyspaceException extends ConfigurationException {
        private static final long serialVersionUID = 1L;

        MissingKeyspaceException(String problem, Throwable cause) {
            super(problem, cause);
        }
    }

    /**
     * A bucket the SDK could not open before its timeout: missing, not accessible to the user, or on a
     * cluster that does not answer. The requester asks the bucket manager which it is.
     */
    static final class BucketNotOpenedException extends StoreUnavailableException {
        private static final long serialVersionUID = 1L;

        BucketNotOpenedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * What to throw for {@code failure}, which happened while doing {@code action} ("appending seq 4 of
     * chain 'orders'"): the Tidemark exception for an SDK exception (also when wrapped in a
     * {@link CompletionException} or {@link ExecutionException}); anything else as it is, unwrapped from
     * such a wrapper.
     *
     * @throws Error when the failure is (or wraps) an {@link Error}: it passes through as well
     */
    RuntimeException translate(String action, RuntimeException failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof Error error) {
            throw error;
        }
        if (!(cause instanceof RuntimeException runtime) || !isFromTheSdk(runtime)) {
            return cause instanceof RuntimeException unchanged ? unchanged : failure;
        }
        RuntimeException sdk = runtime;
        String where = " (" + settings.describe() + ")";
        if (sdk instanceof BucketNotFoundException) {
            return missingBucket(sdk);
        }
        if (sdk instanceof ScopeNotFoundException || sdk instanceof CollectionNotFoundException) {
            return missingKeyspace(sdk);
        }
        if (sdk instanceof FeatureNotAvailableException && mentionsDurability(sdk)) {
            return impossibleDurability(action + where, sdk);
        }
        if (sdk instanceof FeatureNotAvailableException && !settings.usesDefaultCollection()) {
            return new ConfigurationException(
                    "The Couchbase cluster at " + settings.location()
                            + " does not support scopes and collections, so collection '" + settings.keyspace()
                            + "' cannot be used: use the default scope and collection, " + CouchbaseSettings.DEFAULT
                            + " (with "
                            + settings.keyspaceSetting() + "), or upgrade to Couchbase Server 7 or later",
                    sdk);
        }
        if (sdk instanceof DurabilityImpossibleException || sdk instanceof DurabilityLevelNotAvailableException) {
            return impossibleDurability(action + where, sdk);
        }
        if (sdk instanceof FeatureNotAvailableException) {
            return new ConfigurationException(
                    "The Couchbase cluster at " + settings.location() + " lacks a feature " + "needed for " + action
                            + ": " + describe(sdk),
                    sdk);
        }
        if (sdk instanceof AuthenticationFailureException) {
            return refusedCredentials(action + where, sdk);
        }
        if (sdk instanceof ValueTooLargeException) {
            return new ConfigurationException(
                    "Couchbase refused a document as too large while " + action + where
                            + ": raise the bucket's maximum value size",
                    sdk);
        }
        if (sdk instanceof InvalidArgumentException) {
            return new ConfigurationException(
                    "Couchbase rejected an argument while " + action + where + ": " + describe(sdk), sdk);
        }
        if (sdk instanceof TimeoutException timeout) {
            return timeout(action, timeout);
        }
        if (sdk instanceof AlreadyShutdownException) {
            return new StoreUnavailableException(
                    "The Couchbase cluster connection was already shut down while " + action + where
                            + ": create a new store with an open cluster",
                    sdk);
        }
        return new StoreUnavailableException("Couchbase failed while " + action + where + ": " + describe(sdk), sdk);
    }

    /**
     * The exception for a cluster this store connected that did not become ready within
     * {@code waited}: {@code failure} is how the wait ended (the SDK's timeout, or the first
     * authentication failure when the wait stopped early), {@code endpointFailures} the last failure
     * of each endpoint the SDK tried. Refused credentials and a bucket the user cannot open are
     * configuration errors (the requester asks the bucket manager whether the bucket is missing, see
     * {@link BucketNotOpenedException}); anything else is an unavailable store, with the reasons the
     * endpoints gave (e.g. connection refused) and the two settings that matter.
     */
    RuntimeException notReady(Duration waited, Throwable failure, List<Throwable> endpointFailures) {
        List<Throwable> all = new ArrayList<>(endpointFailures);
        all.add(0, failure);
        for (Throwable endpoint : all) {
            if (endpoint instanceof AuthenticationFailureException refused && isBucketAccess(refused)) {
                return new BucketNotOpenedException(bucketRefused(), refused);
            }
        }
        for (Throwable endpoint : all) {
            if (endpoint instanceof AuthenticationFailureException refused) {
                return refusedCredentials("connecting (" + settings.describe() + ")", refused);
            }
        }
        Set<String> reasons = new LinkedHashSet<>();
        endpointFailures.forEach(endpoint -> reasons.add(describeBriefly(endpoint)));
        String why = reasons.isEmpty()
                ? "no endpoint answered"
                : String.join("; ", reasons.stream().limit(3).toList());
        return new StoreUnavailableException(
                "Couchbase at " + settings.location() + " was not ready within "
                        + display(waited) + " (bucket '" + settings.bucket() + "'): " + why
                        + ". Check that the cluster is "
                        + "running and reachable at that address ("
                        + settings.howToSet(
                                CouchbaseAuditStoreProvider.CONNECTION_STRING, "the connection string of the Cluster")
                        + "), or allow more time with "
                        + settings.howToSet(
                                CouchbaseAuditStoreProvider.CONNECT_TIMEOUT, "the Cluster's waitUntilReady"),
                failure);
    }

    /** The configuration error for a bucket that does not exist, which the bucket manager confirmed. */
    ConfigurationException missingBucket(Throwable cause) {
        return new ConfigurationException(
                "Couchbase bucket '" + settings.bucket() + "' does not exist on "
                        + settings.location()
                        + ": create it (Couchbase console, or couchbase-cli bucket-create), or choose "
                        + "an existing bucket with " + settings.bucketSetting() + ". Tidemark does not create buckets.",
                cause);
    }

    /**
     * The configuration error for a bucket the server refused to open for the user, when the bucket
     * manager could not tell whether it exists.
     */
    ConfigurationException bucketRefusedError(Throwable cause) {
        return new ConfigurationException(bucketRefused(), cause);
    }

    private String bucketRefused() {
        return "Couchbase at " + settings.location() + " refused to open bucket '" + settings.bucket() + "': either "
                + "it does not exist, or the user may not access it, or it is hibernated. Check "
                + settings.bucketSetting() + " and the user's roles (it needs read and write access to the bucket)";
    }

    /**
     * Whether {@code failure} is the SDK's: a {@link CouchbaseException}, or any other runtime exception
     * thrown from inside the SDK (its first stack frame outside the JDK is in a {@code com.couchbase}
     * or {@code reactor} package; the bucket manager, for one, lets a failure to decode the server's
     * answer out as an {@code IllegalArgumentException} of its shaded JSON library). An exception
     * raised by Tidemark's own code is not, whatever its type.
     */
    static boolean isFromTheSdk(RuntimeException failure) {
        if (failure instanceof CouchbaseException) {
            return true;
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("java.")
                    || type.startsWith("javax.")
                    || type.startsWith("jdk.")
                    || type.startsWith("sun.")) {
                continue;
            }
            return type.startsWith("com.couchbase.") || type.startsWith("reactor.");
        }
        return false;
    }

    /** Whether {@code refused} is the server refusing the bucket (status NO_ACCESS), not the password. */
    private static boolean isBucketAccess(AuthenticationFailureException refused) {
        String message = String.valueOf(refused.getMessage());
        return message.contains("NO_ACCESS") || message.contains("the bucket with name");
    }

    private ConfigurationException refusedCredentials(String doing, Throwable cause) {
        return new ConfigurationException(
                "Couchbase refused the credentials for " + doing
                        + ": check " + settings.credentialsSetting() + ", and that the user may read and write bucket '"
                        + settings.bucket() + "'",
                cause);
    }

    private ConfigurationException impossibleDurability(String doing, Throwable cause) {
        return new ConfigurationException(
                "Couchbase refused durability level " + settings.durability() + " for "
                        + doing + ": the bucket has too few replicas or nodes for it, or the cluster does not support "
                        + "synchronous durability. Set " + settings.durabilitySetting(DurabilityLevel.NONE)
                        + ", or add replicas and nodes.",
                cause);
    }

    private static boolean mentionsDurability(Throwable failure) {
        return String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("durability");
    }

    private RuntimeException timeout(String action, TimeoutException timeout) {
        Set<RetryReason> reasons = retryReasons(timeout);
        if (reasons.contains(RetryReason.COLLECTION_NOT_FOUND)) {
            return missingKeyspace(timeout);
        }
        if (reasons.contains(RetryReason.AUTHENTICATION_ERROR)) {
            return new ConfigurationException(
                    "Couchbase refused the credentials while " + action + " (" + settings.describe() + "): check "
                            + settings.credentialsSetting(),
                    timeout);
        }
        if (reasons.contains(RetryReason.BUCKET_OPEN_IN_PROGRESS)
                || reasons.contains(RetryReason.BUCKET_NOT_AVAILABLE)) {
            return new BucketNotOpenedException(
                    "Couchbase at " + settings.location() + " timed out while " + action
                            + ": bucket '" + settings.bucket() + "' could not be opened" + reasonText(reasons)
                            + ". Either the "
                            + "cluster is unreachable (check the connection string and network), or the bucket does not exist "
                            + "or the user may not access it (check " + settings.bucketSetting()
                            + " and the user's roles)",
                    timeout);
        }
        String ambiguity = timeout instanceof AmbiguousTimeoutException
                ? "; the write may or may not have been applied, so read the chain again before retrying"
                : "";
        return new StoreUnavailableException(
                "Couchbase at " + settings.location() + " timed out while " + action
                        + " (bucket '" + settings.bucket() + "', collection '" + settings.keyspace() + "')"
                        + reasonText(reasons) + ": check that the cluster is running and reachable" + ambiguity,
                timeout);
    }

    private MissingKeyspaceException missingKeyspace(Throwable cause) {
        String which = cause instanceof ScopeNotFoundException
                ? "Scope '" + settings.scope() + "'"
                : "Collection '" + settings.keyspace() + "'";
        return new MissingKeyspaceException(
                which + " does not exist in Couchbase bucket '" + settings.bucket()
                        + "' on " + settings.location() + ": create it (Couchbase console, or couchbase-cli "
                        + "collection-manage), or turn auto-create on (" + settings.autoCreateSetting()
                        + ") so that Tidemark "
                        + "creates it",
                cause);
    }

    private static Set<RetryReason> retryReasons(CouchbaseException failure) {
        if (failure.context() instanceof CancellationErrorContext cancelled && cancelled.requestContext() != null) {
            return cancelled.requestContext().retryReasons();
        }
        return Set.of();
    }

    private static String reasonText(Set<RetryReason> reasons) {
        if (reasons.isEmpty()) {
            return "";
        }
        Set<String> names = new TreeSet<>();
        reasons.forEach(reason -> names.add(reason.name()));
        return " (retried because of " + String.join(", ", names) + ")";
    }

    /** The SDK failure without its long diagnostic context. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        return failure.getClass().getSimpleName() + ": " + withoutContext(message);
    }

    /** An endpoint's failure as a person reads it: its message without the class name or diagnostic context. */
    private static String describeBriefly(Throwable failure) {
        String message = failure.getMessage();
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        String brief =
                SOCKET_CALL.matcher(withoutContext(message)).replaceFirst("").strip();
        return brief.endsWith(".") ? brief.substring(0, brief.length() - 1) : brief;
    }

    private static String withoutContext(String message) {
        int context = message.indexOf(" {");
        return context > 0 ? message.substring(0, context) : message;
    }

    static String display(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** The failure inside any {@link CompletionException} and {@link ExecutionException} wrappers. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}

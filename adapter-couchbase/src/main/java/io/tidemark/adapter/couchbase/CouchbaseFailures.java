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
import com.couchbase.client.core.retry.RetryReason;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.manager.bucket.GetBucketOptions;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TidemarkException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where Couchbase SDK failures become Tidemark exceptions; nothing the SDK throws
 * leaves the adapter any other way.
 *
 * <ul>
 *   <li>Timeouts, cancelled requests, unreachable or overloaded clusters become a
 *       {@link StoreUnavailableException} naming the connection string (never the password).</li>
 *   <li>A missing bucket, scope or collection, refused credentials, an impossible durability level
 *       or a cluster without collections become a {@link ConfigurationException} saying which
 *       setting to fix.</li>
 * </ul>
 *
 * <p>The 3.x SDK does not report a missing bucket directly: it keeps retrying the bucket open and
 * the operation ends in a timeout whose retry reasons contain {@code BUCKET_OPEN_IN_PROGRESS}, exactly
 * as when the cluster is unreachable. In that case one diagnostic request asks the cluster's bucket
 * manager about the bucket: {@link BucketNotFoundException} proves it is missing; any other answer
 * (the cluster is down, the user may not list buckets) leaves a {@code StoreUnavailableException}
 * that lists the possible causes. A missing collection likewise shows up as a timeout with the
 * {@code COLLECTION_NOT_FOUND} retry reason, or directly as
 * {@link CollectionNotFoundException}/{@link ScopeNotFoundException}; both become a
 * {@link MissingKeyspaceException} that the caller may answer by creating it.
 */
final class CouchbaseFailures {

    private static final Logger log = LoggerFactory.getLogger(CouchbaseFailures.class);
    /** Longest wait for the bucket diagnosis; shorter when key-value operations time out sooner. */
    private static final Duration DIAGNOSIS_TIMEOUT = Duration.ofSeconds(2);

    private final StoreSettings settings;
    private final Supplier<Cluster> cluster;

    CouchbaseFailures(StoreSettings settings, Supplier<Cluster> cluster) {
        this.settings = settings;
        this.cluster = cluster;
    }

    /** A missing scope or collection, which a store with auto-create on repairs by creating it. */
    static final class MissingKeyspaceException extends ConfigurationException {
        MissingKeyspaceException(String problem, Throwable cause) {
            super(problem, cause);
        }
    }

    /** The Tidemark exception for {@code failure}, which happened while doing {@code action}. */
    TidemarkException translate(String action, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TidemarkException tidemark) {
            return tidemark;
        }
        String where = " (" + settings.describe() + ")";
        if (cause instanceof BucketNotFoundException) {
            return missingBucket(cause);
        }
        if (cause instanceof ScopeNotFoundException || cause instanceof CollectionNotFoundException) {
            return missingKeyspace(cause);
        }
        if (cause instanceof FeatureNotAvailableException && mentionsDurability(cause)) {
            return impossibleDurability(action + where, cause);
        }
        if (cause instanceof FeatureNotAvailableException && !settings.usesDefaultCollection()) {
            return new ConfigurationException("The Couchbase cluster at " + settings.location()
                    + " does not support scopes and collections, so collection '" + settings.keyspace()
                    + "' cannot be used: set tidemark.couchbase.scope and tidemark.couchbase.collection to "
                    + StoreSettings.DEFAULT + " (the default), or upgrade to Couchbase Server 7 or later", cause);
        }
        if (cause instanceof DurabilityImpossibleException || cause instanceof DurabilityLevelNotAvailableException) {
            return impossibleDurability(action + where, cause);
        }
        if (cause instanceof FeatureNotAvailableException) {
            return new ConfigurationException("The Couchbase cluster at " + settings.location() + " lacks a feature "
                    + "needed for " + action + ": " + describe(cause), cause);
        }
        if (cause instanceof AuthenticationFailureException) {
            return new ConfigurationException("Couchbase refused the credentials for " + action + where
                    + ": check tidemark.couchbase.username and tidemark.couchbase.password, and that the user "
                    + "may read and write bucket '" + settings.bucket() + "'", cause);
        }
        if (cause instanceof ValueTooLargeException) {
            return new ConfigurationException("Couchbase refused a document as too large while " + action + where
                    + ": raise the bucket's maximum value size", cause);
        }
        if (cause instanceof InvalidArgumentException) {
            return new ConfigurationException("Couchbase rejected an argument while " + action + where + ": "
                    + cause.getMessage(), cause);
        }
        if (cause instanceof TimeoutException) {
            return timeout(action, (TimeoutException) cause);
        }
        if (cause instanceof AlreadyShutdownException) {
            return new StoreUnavailableException("The Couchbase cluster connection was already shut down while "
                    + action + where + ": create a new store with an open cluster", cause);
        }
        return new StoreUnavailableException("Couchbase failed while " + action + where + ": "
                + describe(cause), cause);
    }

    private ConfigurationException impossibleDurability(String doing, Throwable cause) {
        return new ConfigurationException("Couchbase refused durability level " + settings.durability() + " for "
                + doing + ": the bucket has too few replicas or nodes for it, or the cluster does not support "
                + "synchronous durability. Set tidemark.couchbase.durability to NONE (or durability(NONE) on the "
                + "builder), or add replicas and nodes.", cause);
    }

    private static boolean mentionsDurability(Throwable failure) {
        return String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("durability");
    }

    private TidemarkException timeout(String action, TimeoutException timeout) {
        Set<RetryReason> reasons = retryReasons(timeout);
        if (reasons.contains(RetryReason.COLLECTION_NOT_FOUND)) {
            return missingKeyspace(timeout);
        }
        if (reasons.contains(RetryReason.AUTHENTICATION_ERROR)) {
            return new ConfigurationException("Couchbase refused the credentials while " + action + " ("
                    + settings.describe() + "): check tidemark.couchbase.username and tidemark.couchbase.password",
                    timeout);
        }
        if (reasons.contains(RetryReason.BUCKET_OPEN_IN_PROGRESS) || reasons.contains(RetryReason.BUCKET_NOT_AVAILABLE)) {
            return bucketNeverOpened(action, timeout, reasons);
        }
        String ambiguity = timeout instanceof AmbiguousTimeoutException
                ? "; the write may or may not have been applied, so read the chain again before retrying" : "";
        return new StoreUnavailableException("Couchbase at " + settings.location() + " timed out while " + action
                + " (bucket '" + settings.bucket() + "', collection '" + settings.keyspace() + "')"
                + reasonText(reasons) + ": check that the cluster is running and reachable" + ambiguity, timeout);
    }

    private TidemarkException bucketNeverOpened(String action, TimeoutException timeout, Set<RetryReason> reasons) {
        if (bucketProvedMissing()) {
            return missingBucket(timeout);
        }
        return new StoreUnavailableException("Couchbase at " + settings.location() + " timed out while " + action
                + ": bucket '" + settings.bucket() + "' could not be opened" + reasonText(reasons) + ". Either the "
                + "cluster is unreachable (check the connection string and network), or the bucket does not exist "
                + "or the user may not access it (check tidemark.couchbase.bucket and the user's roles)", timeout);
    }

    /** Asks the bucket manager; true only when it answers that the bucket does not exist. */
    private boolean bucketProvedMissing() {
        try {
            Cluster connected = cluster.get();
            Duration kvTimeout = connected.environment().timeoutConfig().kvTimeout();
            Duration timeout = kvTimeout.compareTo(DIAGNOSIS_TIMEOUT) < 0 ? kvTimeout : DIAGNOSIS_TIMEOUT;
            connected.buckets().getBucket(settings.bucket(), GetBucketOptions.getBucketOptions().timeout(timeout));
            return false;
        } catch (BucketNotFoundException e) {
            return true;
        } catch (RuntimeException e) {
            log.debug("Could not ask Couchbase whether bucket '{}' exists: {}", settings.bucket(), describe(e));
            return false;
        }
    }

    private ConfigurationException missingBucket(Throwable cause) {
        return new ConfigurationException("Couchbase bucket '" + settings.bucket() + "' does not exist on "
                + settings.location() + ": create it (Couchbase console, or couchbase-cli bucket-create), or set "
                + "tidemark.couchbase.bucket to an existing bucket. Tidemark does not create buckets.", cause);
    }

    private MissingKeyspaceException missingKeyspace(Throwable cause) {
        String which = cause instanceof ScopeNotFoundException ? "Scope '" + settings.scope() + "'"
                : "Collection '" + settings.keyspace() + "'";
        return new MissingKeyspaceException(which + " does not exist in Couchbase bucket '" + settings.bucket()
                + "' on " + settings.location() + ": create it (Couchbase console, or couchbase-cli "
                + "collection-manage), or set tidemark.couchbase.auto-create=true so that Tidemark creates it", cause);
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
    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        int context = message.indexOf(" {");
        return failure.getClass().getSimpleName() + ": " + (context > 0 ? message.substring(0, context) : message);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}

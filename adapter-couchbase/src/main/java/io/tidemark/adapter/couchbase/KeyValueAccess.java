package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.CollectionExistsException;
import com.couchbase.client.core.error.HttpStatusCodeException;
import com.couchbase.client.core.error.ScopeExistsException;
import com.couchbase.client.java.Bucket;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.Collection;
import com.couchbase.client.java.manager.bucket.BucketSettings;
import com.couchbase.client.java.manager.bucket.GetBucketOptions;
import com.couchbase.client.java.manager.collection.CollectionManager;
import com.couchbase.client.java.manager.collection.CollectionSpec;
import com.couchbase.client.java.manager.collection.GetAllScopesOptions;
import com.couchbase.client.java.manager.collection.ScopeSpec;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.Diagnosis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs key-value operations on the store's collection, turning every SDK failure into a Tidemark
 * exception through {@link CouchbaseFailures}, and makes the collection ready.
 *
 * <p>Readiness: the {@code _default} collection always exists, so there is nothing to do and no
 * request is made. A named scope and collection are looked up with one request
 * ({@code getAllScopes}); with auto-create on the missing ones are created, with it off a
 * {@link ConfigurationException} names them. This runs at most once per store: on
 * {@link #initialize()}, or when an operation finds the collection missing before that (then, with
 * auto-create on, the operation is retried once after creating it).
 */
final class KeyValueAccess {

    private static final Logger log = LoggerFactory.getLogger(KeyValueAccess.class);
    private static final int NOT_FOUND = 404;
    /** Longest wait for the bucket and collection settings read by {@link #diagnose()}. */
    private static final Duration MANAGEMENT_TIMEOUT = Duration.ofSeconds(2);

    private final ClusterConnection connection;
    private final StoreSettings settings;
    private final CouchbaseFailures failures;
    private volatile Collection collection;
    private volatile boolean ready;

    KeyValueAccess(ClusterConnection connection, StoreSettings settings) {
        this.connection = connection;
        this.settings = settings;
        this.failures = new CouchbaseFailures(settings, connection::cluster);
    }

    StoreSettings settings() {
        return settings;
    }

    /**
     * Runs {@code operation} on the collection; {@code action} names it in error messages ("appending
     * seq 4 of chain orders").
     */
    <T> T call(String action, Function<Collection, T> operation) {
        try {
            return operation.apply(collection());
        } catch (RuntimeException failure) {
            TidemarkException translated = failures.translate(action, failure);
            if (translated instanceof CouchbaseFailures.MissingKeyspaceException missing) {
                if (!settings.autoCreate() || ready) {
                    throw verifiedMissing(missing);
                }
                initialize();
                return callOnce(action, operation);
            }
            throw translated;
        }
    }

    private <T> T callOnce(String action, Function<Collection, T> operation) {
        try {
            return operation.apply(collection());
        } catch (RuntimeException failure) {
            throw failures.translate(action, failure);
        }
    }

    /** Creates (auto-create on) or verifies (off) the scope and collection, once per store. */
    synchronized void initialize() {
        if (ready) {
            return;
        }
        if (!settings.usesDefaultCollection()) {
            List<String> missing = missingKeyspaces();
            if (!missing.isEmpty()) {
                if (!settings.autoCreate()) {
                    throw new ConfigurationException(missing);
                }
                create();
            }
        }
        ready = true;
    }

    /**
     * The bucket, scope and collection as findings for an operator, without creating anything: a
     * missing named scope or collection is a problem with auto-create off and a warning with it on.
     */
    List<Diagnosis> diagnose() {
        List<Diagnosis> keyspace = diagnoseKeyspace();
        if (keyspace.stream().anyMatch(finding -> finding.status() == Diagnosis.Status.PROBLEM)) {
            return keyspace;
        }
        List<Diagnosis> findings = new ArrayList<>(keyspace);
        findings.addAll(diagnoseRetention());
        return findings;
    }

    /**
     * Whether the bucket and collection keep documents for good (see {@link BucketRetention}), read
     * from the bucket and collection managers with a short timeout; settings that cannot be read are a
     * warning saying what to check by hand.
     */
    private List<Diagnosis> diagnoseRetention() {
        try {
            Cluster cluster = connection.cluster();
            Duration kvTimeout = cluster.environment().timeoutConfig().kvTimeout();
            Duration timeout = kvTimeout.compareTo(MANAGEMENT_TIMEOUT) < 0 ? kvTimeout : MANAGEMENT_TIMEOUT;
            BucketSettings bucketSettings = cluster.buckets().getBucket(settings.bucket(),
                    GetBucketOptions.getBucketOptions().timeout(timeout));
            return BucketRetention.assess(settings.bucket(), settings.keyspace(), bucketSettings,
                    collectionMaxExpiry(timeout));
        } catch (RuntimeException e) {
            return List.of(BucketRetention.unknown(settings.bucket(), settings.keyspace(),
                    e.getClass().getSimpleName()));
        }
    }

    /** The collection's own maximum time-to-live, when the cluster tells (servers before 7 have none). */
    private Optional<Duration> collectionMaxExpiry(Duration timeout) {
        try {
            return bucket().collections().getAllScopes(GetAllScopesOptions.getAllScopesOptions().timeout(timeout))
                    .stream().filter(scope -> scope.name().equals(settings.scope()))
                    .flatMap(scope -> scope.collections().stream())
                    .filter(collection -> collection.name().equals(settings.collection()))
                    .map(CollectionSpec::maxExpiry).filter(java.util.Objects::nonNull).findFirst();
        } catch (RuntimeException e) {
            log.debug("Could not read the collections of bucket '{}': {}", settings.bucket(), e.toString());
            return Optional.empty();
        }
    }

    private List<Diagnosis> diagnoseKeyspace() {
        String check = "bucket, scope and collection";
        try {
            if (settings.usesDefaultCollection()) {
                callOnce("reading a probe key", c -> {
                    try {
                        return c.get(settings.keys().prefix() + "::doctor-probe");
                    } catch (com.couchbase.client.core.error.DocumentNotFoundException absent) {
                        return null;
                    }
                });
                return List.of(Diagnosis.ok(check, "bucket '" + settings.bucket() + "' answers; the default collection "
                        + "needs no setup"));
            }
            List<String> missing = missingKeyspaces();
            if (missing.isEmpty()) {
                return List.of(Diagnosis.ok(check, "collection '" + settings.keyspace() + "' exists in bucket '"
                        + settings.bucket() + "'"));
            }
            return missing.stream().map(problem -> settings.autoCreate()
                    ? Diagnosis.warning(check, problem, "nothing to do: auto-create is on, the first write creates it")
                    : Diagnosis.problem(check, problem, "create it as described")).toList();
        } catch (TidemarkException e) {
            return List.of(Diagnosis.problem(check, e.getMessage(), e.isTransient()
                    ? "check that " + settings.location() + " is reachable and the credentials are right, then retry"
                    : "fix the configuration as the message says"));
        }
    }

    /** Problems, one per missing scope or collection; empty when both exist. */
    private List<String> missingKeyspaces() {
        List<ScopeSpec> scopes = manage("listing the scopes of bucket '" + settings.bucket() + "'", manager -> {
            try {
                return manager.getAllScopes();
            } catch (HttpStatusCodeException status) {
                if (status.httpStatusCode() == NOT_FOUND) {
                    throw new ConfigurationException("Couchbase at " + settings.location() + " has no scopes to list "
                            + "for bucket '" + settings.bucket() + "' (HTTP 404), so collection '"
                            + settings.keyspace() + "' cannot be used: either the bucket does not exist (check "
                            + "tidemark.couchbase.bucket), or the cluster does not support scopes and collections "
                            + "(Couchbase Server before 7; set tidemark.couchbase.scope and "
                            + "tidemark.couchbase.collection to _default)", status);
                }
                throw status;
            }
        });
        Optional<ScopeSpec> scope = scopes.stream().filter(s -> s.name().equals(settings.scope())).findFirst();
        List<String> problems = new ArrayList<>();
        String fix = ": create it (Couchbase console, or couchbase-cli collection-manage), or set "
                + "tidemark.couchbase.auto-create=true so that Tidemark creates it";
        if (scope.isEmpty()) {
            problems.add("Scope '" + settings.scope() + "' does not exist in Couchbase bucket '" + settings.bucket()
                    + "' on " + settings.location() + fix);
        }
        if (scope.isEmpty() || scope.get().collections().stream().noneMatch(c -> c.name().equals(settings.collection()))) {
            problems.add("Collection '" + settings.keyspace() + "' does not exist in Couchbase bucket '"
                    + settings.bucket() + "' on " + settings.location() + fix);
        }
        return problems;
    }

    private void create() {
        log.info("Creating Couchbase collection '{}' in bucket '{}' for the Tidemark audit log", settings.keyspace(),
                settings.bucket());
        manage("creating scope '" + settings.scope() + "'", manager -> {
            try {
                manager.createScope(settings.scope());
            } catch (ScopeExistsException alreadyThere) {
                log.debug("Scope '{}' was created concurrently", settings.scope());
            }
            return null;
        });
        manage("creating collection '" + settings.keyspace() + "'", manager -> {
            try {
                manager.createCollection(settings.scope(), settings.collection());
            } catch (CollectionExistsException alreadyThere) {
                log.debug("Collection '{}' was created concurrently", settings.keyspace());
            }
            return null;
        });
    }

    private ConfigurationException verifiedMissing(CouchbaseFailures.MissingKeyspaceException missing) {
        try {
            List<String> problems = missingKeyspaces();
            return problems.isEmpty() ? missing : new ConfigurationException(problems);
        } catch (TidemarkException couldNotCheck) {
            return missing;
        }
    }

    private <T> T manage(String action, Function<CollectionManager, T> operation) {
        try {
            return operation.apply(bucket().collections());
        } catch (RuntimeException failure) {
            throw failures.translate(action, failure);
        }
    }

    private Bucket bucket() {
        Cluster cluster = connection.cluster();
        return cluster.bucket(settings.bucket());
    }

    private Collection collection() {
        Collection current = collection;
        if (current == null) {
            current = bucket().scope(settings.scope()).collection(settings.collection());
            collection = current;
        }
        return current;
    }
}

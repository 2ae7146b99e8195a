package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.CollectionExistsException;
import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.core.error.HttpStatusCodeException;
import com.couchbase.client.core.error.ScopeExistsException;
import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.java.manager.bucket.BucketSettings;
import com.couchbase.client.java.manager.bucket.BucketType;
import com.couchbase.client.java.manager.bucket.GetBucketOptions;
import com.couchbase.client.java.manager.collection.CollectionSpec;
import com.couchbase.client.java.manager.collection.GetAllScopesOptions;
import com.couchbase.client.java.manager.collection.ScopeSpec;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.Diagnosis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the store's collection ready and checks the bucket it lives in. Buckets are never created: a
 * missing bucket is a configuration error.
 *
 * <p><b>initialize()</b>: on the {@code _default} collection, which always exists, nothing to do and
 * no request. A named scope and collection are looked up with one request ({@code getAllScopes});
 * with auto-create on the missing ones are created, with it off one {@link ConfigurationException}
 * names them. At most once per store: on {@code initialize()}, or when a request finds the
 * collection missing before that ({@link #repair}; the request is then sent once more).
 *
 * <p><b>diagnose()</b> creates nothing:
 * <ol>
 *   <li>the keyspace: on the default collection one get of a probe key (the bucket answers); on a
 *       named one, whether scope and collection exist (missing: a problem with auto-create off, a
 *       warning with it on);</li>
 *   <li>record retention: an ephemeral or memcached bucket keeps documents in memory only, losing
 *       them when its nodes restart, and a bucket or collection with a maximum time-to-live gives
 *       every document without an expiry of its own that expiry, so audit records would disappear
 *       (and verification report them missing): each is a problem;</li>
 *   <li>durability: a bucket with replicas and durability {@code NONE} is a warning, since an
 *       acknowledged append can then be lost in a failover (see
 *       {@link CouchbaseAuditStore.Builder#durability}).</li>
 * </ol>
 * Bucket and collection settings that cannot be read (the user lacks the role, or the server offers
 * no bucket management, as CouchbaseMock does not) give one warning saying what to check by hand.
 */
final class CouchbaseSchema {

    static final String KEYSPACE_CHECK = "bucket, scope and collection";
    static final String RETENTION_CHECK = "record retention";
    static final String DURABILITY_CHECK = "durability";

    private static final Logger log = LoggerFactory.getLogger(CouchbaseSchema.class);
    private static final int NOT_FOUND = 404;

    private final CouchbaseRequests requests;
    private final CouchbaseSettings settings;
    private volatile boolean ready;

    CouchbaseSchema(CouchbaseRequests requests) {
        this.requests = requests;
        this.settings = requests.settings();
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
     * Answers a request that found the scope or collection missing: creates it when auto-create is on
     * and the store was not initialised yet (the caller then sends the request once more), else throws
     * a {@link ConfigurationException} naming what is missing.
     */
    void repair(CouchbaseFailures.MissingKeyspaceException missing) {
        if (!settings.autoCreate() || ready) {
            throw verifiedMissing(missing);
        }
        initialize();
    }

    /** The findings described in the class description. */
    List<Diagnosis> diagnose() {
        List<Diagnosis> keyspace = diagnoseKeyspace();
        if (keyspace.stream().anyMatch(finding -> finding.status() == Diagnosis.Status.PROBLEM)) {
            return keyspace;
        }
        List<Diagnosis> findings = new ArrayList<>(keyspace);
        findings.addAll(diagnoseBucket());
        return findings;
    }

    private List<Diagnosis> diagnoseKeyspace() {
        try {
            if (settings.usesDefaultCollection()) {
                String probe = settings.keyPrefix() + "::doctor-probe";
                requests.kvOnce("reading a probe key", collection -> {
                    try {
                        return collection.get(probe);
                    } catch (DocumentNotFoundException absent) {
                        return null;
                    }
                });
                return List.of(Diagnosis.ok(
                        KEYSPACE_CHECK,
                        "bucket '" + settings.bucket() + "' answers; the default " + "collection needs no setup"));
            }
            List<String> missing = missingKeyspaces();
            if (missing.isEmpty()) {
                return List.of(Diagnosis.ok(
                        KEYSPACE_CHECK,
                        "collection '" + settings.keyspace() + "' exists in bucket '" + settings.bucket() + "'"));
            }
            return missing.stream()
                    .map(problem -> settings.autoCreate()
                            ? Diagnosis.warning(
                                    KEYSPACE_CHECK,
                                    problem,
                                    "nothing to do: auto-create is on, the first write creates it")
                            : Diagnosis.problem(KEYSPACE_CHECK, problem, "create it as described"))
                    .toList();
        } catch (TidemarkException e) {
            return List.of(Diagnosis.problem(
                    KEYSPACE_CHECK,
                    e.getMessage(),
                    e.isTransient()
                            ? "check that " + settings.location()
                                    + " is reachable and the credentials are right, then retry"
                            : "fix the configuration as the message says"));
        }
    }

    /** Retention and durability, read from the bucket and collection managers with a short timeout. */
    private List<Diagnosis> diagnoseBucket() {
        try {
            Duration timeout = requests.managementTimeout();
            BucketSettings bucket = requests.buckets(
                    "reading the settings of bucket '" + settings.bucket() + "'",
                    manager -> manager.getBucket(
                            settings.bucket(),
                            GetBucketOptions.getBucketOptions().timeout(timeout)));
            List<Diagnosis> findings = new ArrayList<>(assessRetention(settings, bucket, collectionMaxExpiry(timeout)));
            findings.add(assessDurability(settings, bucket.numReplicas()));
            return findings;
        } catch (TidemarkException e) {
            String reason = e.getCause() == null
                    ? e.getClass().getSimpleName()
                    : e.getCause().getClass().getSimpleName();
            return List.of(retentionUnknown(settings, reason));
        }
    }

    /** The collection's own maximum time-to-live, when the cluster tells (servers before 7 have none). */
    private Optional<Duration> collectionMaxExpiry(Duration timeout) {
        try {
            return requests
                    .collections(
                            "listing the scopes of bucket '" + settings.bucket() + "'",
                            manager -> manager.getAllScopes(
                                    GetAllScopesOptions.getAllScopesOptions().timeout(timeout)))
                    .stream()
                    .filter(scope -> scope.name().equals(settings.scope()))
                    .flatMap(scope -> scope.collections().stream())
                    .filter(collection -> collection.name().equals(settings.collection()))
                    .map(CollectionSpec::maxExpiry)
                    .filter(Objects::nonNull)
                    .findFirst();
        } catch (TidemarkException e) {
            log.debug("Could not read the collections of bucket '{}': {}", settings.bucket(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Findings on whether the bucket and collection keep documents for good: {@code bucketSettings} as
     * the bucket manager returns them, and the collection's own maximum time-to-live when known
     * ({@code collectionMaxExpiry}: zero means "as the bucket", negative "never").
     */
    static List<Diagnosis> assessRetention(
            CouchbaseSettings settings, BucketSettings bucketSettings, Optional<Duration> collectionMaxExpiry) {
        String bucket = settings.bucket();
        String keyspace = settings.keyspace();
        BucketType type = bucketSettings.bucketType();
        if (type == BucketType.EPHEMERAL || type == BucketType.MEMCACHED) {
            return List.of(Diagnosis.problem(
                    RETENTION_CHECK,
                    "bucket '" + bucket + "' is a " + type.alias() + " bucket: "
                            + "it keeps documents in memory only, so the audit log would be lost when its nodes restart (and "
                            + "may be evicted under memory pressure)",
                    "keep the audit log in a Couchbase (persistent) " + "bucket: choose one with "
                            + settings.bucketSetting()));
        }
        Duration collectionTtl = collectionMaxExpiry.orElse(Duration.ZERO);
        if (collectionTtl.compareTo(Duration.ZERO) > 0) {
            return List.of(Diagnosis.problem(
                    RETENTION_CHECK,
                    "collection '" + keyspace + "' has a maximum time-to-live of "
                            + collectionTtl.toSeconds()
                            + " s: every audit record and lock document would expire after that, "
                            + "and verification would report the records missing",
                    "keep the audit log in a collection "
                            + "without a maximum time-to-live (a collection's is fixed when it is created): choose one with "
                            + settings.keyspaceSetting()));
        }
        Duration bucketTtl = bucketSettings.maxExpiry() == null ? Duration.ZERO : bucketSettings.maxExpiry();
        if (collectionTtl.isZero() && bucketTtl.compareTo(Duration.ZERO) > 0) {
            return List.of(Diagnosis.problem(
                    RETENTION_CHECK,
                    "bucket '" + bucket + "' has a maximum time-to-live of "
                            + bucketTtl.toSeconds() + " s, which collection '" + keyspace
                            + "' inherits: every audit record "
                            + "and lock document would expire after that, and verification would report the records missing",
                    "set the bucket's maximum time-to-live to 0 (Couchbase console, bucket settings; or couchbase-cli "
                            + "bucket-edit --max-ttl 0), or keep the audit log in a collection created with its own "
                            + "maximum time-to-live set to never expire"));
        }
        return List.of(Diagnosis.ok(
                RETENTION_CHECK,
                "bucket '" + bucket + "' is a persistent Couchbase bucket and " + "documents in '" + keyspace
                        + "' do not expire"));
    }

    /**
     * The finding on the durability of {@code settings} for their bucket with {@code replicas}:
     * {@code NONE} with replicas is a warning (an acknowledged append can be lost in a failover),
     * anything else is fine.
     */
    static Diagnosis assessDurability(CouchbaseSettings settings, int replicas) {
        String bucket = settings.bucket();
        DurabilityLevel level = settings.durability();
        if (level == DurabilityLevel.NONE && replicas > 0) {
            return Diagnosis.warning(
                    DURABILITY_CHECK,
                    "bucket '" + bucket + "' has " + replicas + " replica"
                            + (replicas == 1 ? "" : "s") + " but Tidemark writes with durability NONE: an append is "
                            + "acknowledged before any replica has it, so a failover of its node can lose an acknowledged "
                            + "record (and its change runs again) or let two instances fork the chain",
                    "set " + settings.durabilitySetting(DurabilityLevel.MAJORITY));
        }
        return Diagnosis.ok(
                DURABILITY_CHECK,
                "durability " + level
                        + (replicas == 0
                                ? " on bucket '" + bucket + "' without replicas"
                                : " on bucket '" + bucket + "' with " + replicas + " replica"
                                        + (replicas == 1 ? "" : "s")));
    }

    /** The finding when the settings could not be read. */
    static Diagnosis retentionUnknown(CouchbaseSettings settings, String reason) {
        String bucket = settings.bucket();
        String keyspace = settings.keyspace();
        return Diagnosis.warning(
                RETENTION_CHECK,
                "could not read the settings of bucket '" + bucket + "' (" + reason
                        + "); the user may lack the role to read them, or the server does not offer bucket management",
                "check by hand that bucket '" + bucket + "' is a Couchbase (persistent) bucket, not ephemeral, and "
                        + "that neither it nor collection '" + keyspace + "' has a maximum time-to-live: audit records "
                        + "would expire; with replicas, set " + settings.durabilitySetting(DurabilityLevel.MAJORITY));
    }

    /** Problems, one per missing scope or collection; empty when both exist. */
    private List<String> missingKeyspaces() {
        List<ScopeSpec> scopes =
                requests.collections("listing the scopes of bucket '" + settings.bucket() + "'", manager -> {
                    try {
                        return manager.getAllScopes();
                    } catch (HttpStatusCodeException status) {
                        if (status.httpStatusCode() == NOT_FOUND) {
                            throw new ConfigurationException(
                                    "Couchbase at " + settings.location() + " has no scopes "
                                            + "to list for bucket '" + settings.bucket()
                                            + "' (HTTP 404), so collection '"
                                            + settings.keyspace()
                                            + "' cannot be used: either the bucket does not exist (check "
                                            + settings.bucketSetting()
                                            + "), or the cluster does not support scopes and "
                                            + "collections (Couchbase Server before 7; use the default scope and collection, "
                                            + CouchbaseSettings.DEFAULT + ", with " + settings.keyspaceSetting() + ")",
                                    status);
                        }
                        throw status;
                    }
                });
        Optional<ScopeSpec> scope =
                scopes.stream().filter(s -> s.name().equals(settings.scope())).findFirst();
        List<String> problems = new ArrayList<>();
        String fix = ": create it (Couchbase console, or couchbase-cli collection-manage), or turn auto-create on ("
                + settings.autoCreateSetting() + ") so that Tidemark creates it";
        if (scope.isEmpty()) {
            problems.add("Scope '" + settings.scope() + "' does not exist in Couchbase bucket '" + settings.bucket()
                    + "' on " + settings.location() + fix);
        }
        if (scope.isEmpty()
                || scope.get().collections().stream().noneMatch(c -> c.name().equals(settings.collection()))) {
            problems.add("Collection '" + settings.keyspace() + "' does not exist in Couchbase bucket '"
                    + settings.bucket() + "' on " + settings.location() + fix);
        }
        return problems;
    }

    private void create() {
        log.info(
                "Creating Couchbase collection '{}' in bucket '{}' for the Tidemark audit log",
                settings.keyspace(),
                settings.bucket());
        requests.collections("creating scope '" + settings.scope() + "'", manager -> {
            try {
                manager.createScope(settings.scope());
            } catch (ScopeExistsException alreadyThere) {
                log.debug("Scope '{}' was created concurrently", settings.scope());
            }
            return null;
        });
        requests.collections("creating collection '" + settings.keyspace() + "'", manager -> {
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
}

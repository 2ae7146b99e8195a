package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.cnc.Context;
import com.couchbase.client.core.cnc.DefaultEventBus;
import com.couchbase.client.core.cnc.Event;
import com.couchbase.client.core.cnc.EventBus;
import com.couchbase.client.core.cnc.EventSubscription;
import com.couchbase.client.core.diagnostics.ClusterState;
import com.couchbase.client.core.diagnostics.EndpointDiagnostics;
import com.couchbase.client.core.error.AuthenticationFailureException;
import com.couchbase.client.core.error.BucketNotFoundException;
import com.couchbase.client.core.service.ServiceType;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import com.couchbase.client.java.Collection;
import com.couchbase.client.java.diagnostics.WaitUntilReadyOptions;
import com.couchbase.client.java.manager.bucket.BucketManager;
import com.couchbase.client.java.manager.bucket.GetBucketOptions;
import com.couchbase.client.java.manager.collection.CollectionManager;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.support.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one class that talks to Couchbase: every SDK call of the store goes through here, and every
 * failure through {@link CouchbaseFailures} once. It also holds the cluster: one the caller passed
 * to the builder (left open on close), or one it connects itself on first use and disconnects on
 * close (the provider's stores). Connecting lazily lets a provider create a store without any network
 * access.
 *
 * <p><b>Connecting</b> (a store that owns its cluster only):
 * <ol>
 *   <li>Log at INFO where it connects and how long it waits: from then on, Tidemark's own messages
 *       are what a person sees first.</li>
 *   <li>{@code Cluster.connect} with the configured credentials, the connect timeout as the SDK's
 *       socket connect timeout, the key-value timeout when configured, and the quiet event bus
 *       described below.</li>
 *   <li>Wait until the bucket's key-value service is ready ({@code waitUntilReady}, state
 *       {@code DEGRADED}: at least one key-value connection to the bucket; single requests still time
 *       out on their own when a node is down), bounded by the connect timeout. The wait stops early
 *       when the server refuses the credentials, and, when it refuses the bucket, as soon as the
 *       bucket manager confirms that the bucket does not exist.</li>
 *   <li>When the wait fails: disconnect at once (which ends the SDK's reconnection attempts) and raise
 *       one Tidemark exception naming the hosts and what the endpoints answered (see
 *       {@link CouchbaseFailures#notReady}). For one connect timeout after that (by the store's
 *       clock), requests fail at once with the same message, so that a caller making several requests
 *       (a doctor run: settings, tip, lock) does not wait again for each; the first request after it
 *       connects again.</li>
 * </ol>
 *
 * <p><b>Quiet until ready.</b> While an owned cluster has not been ready once, the SDK's WARN events
 * (one per failed reconnection attempt of every endpoint: about 140 lines for an unreachable cluster
 * over five seconds with the SDK's defaults) are logged at DEBUG instead, on the same logger
 * ({@code com.couchbase.endpoint}, ...): Tidemark reports the outcome itself, and its exception
 * carries what the endpoints answered. Once the cluster was ready, events are logged as the SDK logs
 * them. What stays: the SDK's INFO lines, and three WARN lines the SDK logs unconditionally when any
 * cluster disconnects ("config refresher terminating"). A cluster the caller passes in keeps its own
 * environment: configure its logging there.
 *
 * <p><b>Missing keyspaces.</b> The {@code _default} collection always exists. When a key-value
 * request finds a named scope or collection missing before {@link CouchbaseSchema#initialize()} ran,
 * the schema creates it (auto-create on) and the request is sent once more, or the schema names what
 * is missing (auto-create off).
 */
final class CouchbaseRequests implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CouchbaseRequests.class);
    /** Longest wait for a management request that only diagnoses (bucket settings, bucket existence). */
    private static final Duration MANAGEMENT_TIMEOUT = Duration.ofSeconds(2);
    /** Longest wait for the event bus of an owned cluster to stop after a disconnect. */
    private static final Duration EVENT_BUS_STOP_TIMEOUT = Duration.ofSeconds(2);

    /**
     * How a store connects a cluster of its own.
     *
     * @param connectionString seeds, e.g. {@code couchbase://db1,db2}
     * @param username         the user
     * @param password         its password; never shown, not even by {@link #toString()}
     * @param kvTimeout        the key-value timeout, when not the SDK's default
     * @param connectTimeout   how long connecting (socket connect and waiting until ready) may take
     */
    record Connect(
            String connectionString,
            String username,
            String password,
            Optional<Duration> kvTimeout,
            Duration connectTimeout) {

        Connect {
            Objects.requireNonNull(connectionString, "connectionString");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(kvTimeout, "kvTimeout");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
        }

        @Override
        public String toString() {
            return "Connect[" + Secrets.maskUriPasswords(connectionString) + ", user " + username + ", password "
                    + Secrets.MASK + ", kvTimeout "
                    + kvTimeout.map(Duration::toString).orElse("default")
                    + ", connectTimeout " + connectTimeout + "]";
        }
    }

    private final CouchbaseSettings settings;
    private final CouchbaseFailures failures;
    private final CouchbaseSchema schema;
    /** How to connect a cluster of the store's own; empty when the caller's cluster is used. */
    private final Optional<Connect> owned;
    /** Time for the retry window after a failed connection. */
    private final Clock clock;
    /** The caller's cluster from the start; an owned one once connected (guarded by this). */
    private Cluster cluster;
    /** How the last connection attempt failed, while requests fail at once (guarded by this). */
    private Optional<TidemarkException> lastFailure = Optional.empty();
    /** When the next connection attempt may be made after {@link #lastFailure} (guarded by this). */
    private Instant nextAttempt = Instant.MIN;
    /** The event bus of the owned cluster while connected (guarded by this). */
    private QuietEventBus events;

    private volatile boolean closed;
    private volatile Collection collection;

    private CouchbaseRequests(CouchbaseSettings settings, Optional<Connect> owned, Cluster given, Clock clock) {
        this.settings = settings;
        this.failures = new CouchbaseFailures(settings);
        this.owned = owned;
        this.cluster = given;
        this.clock = clock;
        this.schema = new CouchbaseSchema(this);
    }

    /** Requests over {@code cluster}, which the caller manages. */
    static CouchbaseRequests over(Cluster cluster, CouchbaseSettings settings) {
        return new CouchbaseRequests(
                settings, Optional.empty(), Objects.requireNonNull(cluster, "cluster"), Clock.systemUTC());
    }

    /**
     * Requests over a cluster connected as {@code connect} says on first use, and disconnected on
     * close; {@code clock} times the window after a failed connection.
     */
    static CouchbaseRequests connecting(Connect connect, CouchbaseSettings settings, Clock clock) {
        return new CouchbaseRequests(settings, Optional.of(connect), null, clock);
    }

    CouchbaseSettings settings() {
        return settings;
    }

    /** The schema these requests repair missing keyspaces with. */
    CouchbaseSchema schema() {
        return schema;
    }

    /**
     * Runs {@code operation} on the collection; {@code action} names it in error messages ("appending
     * seq 4 of chain 'orders'"). A collection found missing is created (auto-create on) and the
     * operation sent once more; see the class description.
     */
    <T> T kv(String action, Function<Collection, T> operation) {
        try {
            return operation.apply(collection());
        } catch (RuntimeException failure) {
            RuntimeException translated = failed(action, failure);
            if (translated instanceof CouchbaseFailures.MissingKeyspaceException missing) {
                schema.repair(missing);
                return kvOnce(action, operation);
            }
            throw translated;
        }
    }

    /** Runs {@code operation} on the collection, without repairing a missing collection. */
    <T> T kvOnce(String action, Function<Collection, T> operation) {
        try {
            return operation.apply(collection());
        } catch (RuntimeException failure) {
            throw failed(action, failure);
        }
    }

    /**
     * Runs {@code operation} on the cluster itself (a SQL++ query, or key-value operations on another
     * collection than the store's), with failures translated as for every other request.
     */
    <T> T cluster(String action, Function<Cluster, T> operation) {
        try {
            return operation.apply(cluster());
        } catch (RuntimeException failure) {
            throw failed(action, failure);
        }
    }

    /** Runs {@code operation} on the bucket's collection manager. */
    <T> T collections(String action, Function<CollectionManager, T> operation) {
        try {
            return operation.apply(cluster().bucket(settings.bucket()).collections());
        } catch (RuntimeException failure) {
            throw failed(action, failure);
        }
    }

    /** Runs {@code operation} on the cluster's bucket manager. */
    <T> T buckets(String action, Function<BucketManager, T> operation) {
        try {
            return operation.apply(cluster().buckets());
        } catch (RuntimeException failure) {
            throw failed(action, failure);
        }
    }

    /** How long a diagnosing management request may take: two seconds, or the key-value timeout if shorter. */
    Duration managementTimeout() {
        Duration kvTimeout = cluster().environment().timeoutConfig().kvTimeout();
        return kvTimeout.compareTo(MANAGEMENT_TIMEOUT) < 0 ? kvTimeout : MANAGEMENT_TIMEOUT;
    }

    /**
     * Disconnects the cluster if this store connected it; a cluster passed to the builder stays open.
     * Requests after this raise {@link IllegalStateException}.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (owned.isPresent() && cluster != null) {
            log.debug("Disconnecting the Couchbase cluster this store connected");
            disconnect(cluster, events);
            cluster = null;
            events = null;
        }
    }

    private Collection collection() {
        if (closed) {
            throw closedStore();
        }
        Collection current = collection;
        if (current == null) {
            current =
                    cluster().bucket(settings.bucket()).scope(settings.scope()).collection(settings.collection());
            collection = current;
        }
        return current;
    }

    private synchronized Cluster cluster() {
        if (closed) {
            throw closedStore();
        }
        if (cluster == null) {
            Connect connect = owned.orElseThrow();
            if (lastFailure.isPresent() && clock.instant().isBefore(nextAttempt)) {
                throw again(lastFailure.get());
            }
            try {
                cluster = connect(connect);
                lastFailure = Optional.empty();
            } catch (TidemarkException failed) {
                lastFailure = Optional.of(failed);
                nextAttempt = clock.instant().plus(connect.connectTimeout());
                throw failed;
            }
        }
        return cluster;
    }

    private static IllegalStateException closedStore() {
        return new IllegalStateException("this Couchbase audit store is closed");
    }

    /** A new exception saying what {@code failed} said, for a request made while connecting is not tried again. */
    private static TidemarkException again(TidemarkException failed) {
        return failed.isTransient()
                ? new StoreUnavailableException(failed.getMessage(), failed)
                : new ConfigurationException(failed.getMessage(), failed);
    }

    /** The failure as the caller sees it: translated once, and a bucket that never opened explained. */
    private RuntimeException failed(String action, RuntimeException failure) {
        RuntimeException translated = failures.translate(action, failure);
        if (translated instanceof CouchbaseFailures.BucketNotOpenedException notOpened) {
            return explained(notOpened, connectedOrNull());
        }
        return translated;
    }

    /** The cluster if there is one now (the caller's, or an owned one connected), else null; never connects. */
    private synchronized Cluster connectedOrNull() {
        return cluster;
    }

    /**
     * A bucket that could not be opened, as precisely as the bucket manager of {@code on} can tell:
     * missing (a configuration error), refused by the server although it may exist (also one), or,
     * when nothing more is known, unavailable.
     */
    private RuntimeException explained(CouchbaseFailures.BucketNotOpenedException notOpened, Cluster on) {
        if (on != null && bucketProvedMissing(on)) {
            return failures.missingBucket(notOpened.getCause());
        }
        if (notOpened.getCause() instanceof AuthenticationFailureException) {
            return failures.bucketRefusedError(notOpened.getCause());
        }
        return notOpened;
    }

    /** Asks the bucket manager; true only when it answers that the bucket does not exist. */
    private boolean bucketProvedMissing(Cluster on) {
        try {
            Duration kvTimeout = on.environment().timeoutConfig().kvTimeout();
            Duration timeout = kvTimeout.compareTo(MANAGEMENT_TIMEOUT) < 0 ? kvTimeout : MANAGEMENT_TIMEOUT;
            on.buckets()
                    .getBucket(
                            settings.bucket(),
                            GetBucketOptions.getBucketOptions().timeout(timeout));
            return false;
        } catch (BucketNotFoundException e) {
            return true;
        } catch (RuntimeException e) {
            log.debug(
                    "Could not ask Couchbase whether bucket '{}' exists: {}",
                    settings.bucket(),
                    CouchbaseFailures.describe(e));
            return false;
        }
    }

    /** Connects a cluster of the store's own and waits until it is ready; see the class description. */
    private Cluster connect(Connect connect) {
        log.info(
                "Connecting to Couchbase at {} (bucket '{}'), waiting up to {} for it to be ready",
                settings.location(),
                settings.bucket(),
                CouchbaseFailures.display(connect.connectTimeout()));
        QuietEventBus bus = QuietEventBus.started();
        Cluster connecting;
        try {
            connecting = Cluster.connect(
                    connect.connectionString(),
                    ClusterOptions.clusterOptions(connect.username(), connect.password())
                            .environment(environment -> environment
                                    .eventBus(bus)
                                    .timeoutConfig(timeouts -> {
                                        timeouts.connectTimeout(connect.connectTimeout());
                                        connect.kvTimeout().ifPresent(timeouts::kvTimeout);
                                    })));
        } catch (RuntimeException failure) {
            bus.stopQuietly();
            throw failed("connecting", failure);
        }
        try {
            waitUntilReady(connecting, bus, connect.connectTimeout());
        } catch (RuntimeException notReady) {
            disconnect(connecting, bus);
            throw notReady;
        }
        bus.ready();
        events = bus;
        log.debug("Couchbase at {} is ready", settings.location());
        return connecting;
    }

    private void waitUntilReady(Cluster connecting, QuietEventBus bus, Duration timeout) {
        CompletableFuture<Void> ready = connecting
                .bucket(settings.bucket())
                .async()
                .waitUntilReady(
                        timeout,
                        WaitUntilReadyOptions.waitUntilReadyOptions()
                                .serviceTypes(ServiceType.KV)
                                .desiredState(ClusterState.DEGRADED));
        CompletableFuture<AuthenticationFailureException> refusal = bus.refusal();
        while (true) {
            awaitEither(ready, refusal);
            if (ready.isDone()) {
                Optional<Throwable> failure = failureOf(ready);
                if (failure.isEmpty()) {
                    return;
                }
                throw notReady(connecting, timeout, failure.get());
            }
            AuthenticationFailureException refused = refusal.join();
            RuntimeException translated = failures.notReady(timeout, refused, List.of());
            if (!(translated instanceof CouchbaseFailures.BucketNotOpenedException)) {
                throw translated;
            }
            if (bucketProvedMissing(connecting)) {
                throw failures.missingBucket(refused);
            }
            // The bucket may exist (a node that does not have it yet, say): wait for readiness, or the timeout.
            refusal = new CompletableFuture<>();
        }
    }

    private RuntimeException notReady(Cluster connecting, Duration timeout, Throwable failure) {
        RuntimeException translated = failures.notReady(timeout, failure, endpointFailures(connecting));
        if (translated instanceof CouchbaseFailures.BucketNotOpenedException notOpened) {
            return explained(notOpened, connecting);
        }
        return translated;
    }

    private static void awaitEither(CompletableFuture<?> ready, CompletableFuture<?> refusal) {
        try {
            CompletableFuture.anyOf(ready, refusal).join();
        } catch (CompletionException | CancellationException ended) {
            // looked at by the caller
        }
    }

    private static Optional<Throwable> failureOf(CompletableFuture<Void> done) {
        try {
            done.join();
            return Optional.empty();
        } catch (CompletionException failed) {
            return Optional.of(failed.getCause() == null ? failed : failed.getCause());
        } catch (CancellationException cancelled) {
            return Optional.of(cancelled);
        }
    }

    /** The last connection failure of each endpoint, as the SDK's diagnostics keep them (no request). */
    private static List<Throwable> endpointFailures(Cluster connecting) {
        try {
            return connecting.diagnostics().endpoints().values().stream()
                    .flatMap(List::stream)
                    .map(EndpointDiagnostics::lastConnectAttemptFailure)
                    .flatMap(Optional::stream)
                    .toList();
        } catch (RuntimeException e) {
            log.debug("Could not read the Couchbase endpoints' state: {}", e.toString());
            return List.of();
        }
    }

    private static void disconnect(Cluster connected, QuietEventBus bus) {
        try {
            connected.disconnect();
        } catch (RuntimeException e) {
            log.debug("Disconnecting from Couchbase failed; ignored while closing", e);
        } finally {
            if (bus != null) {
                bus.stopQuietly();
            }
        }
    }

    /**
     * The event bus of a cluster this store connects: the SDK's own bus, except that until the cluster
     * is {@link #ready()} its WARN events are handed on as DEBUG events (see the class description),
     * and the first authentication failure an endpoint reports is kept for the wait to stop early.
     * The SDK subscribes only its logging consumer to the bus, so only logging changes.
     */
    private static final class QuietEventBus implements EventBus {

        private final DefaultEventBus delegate = DefaultEventBus.create(Schedulers.parallel());
        private final CompletableFuture<AuthenticationFailureException> refusal = new CompletableFuture<>();
        private volatile boolean ready;

        static QuietEventBus started() {
            QuietEventBus bus = new QuietEventBus();
            bus.delegate.start().block();
            return bus;
        }

        /** The first authentication failure an endpoint reported while not ready. */
        CompletableFuture<AuthenticationFailureException> refusal() {
            return refusal;
        }

        /** From now on, every event is published as the SDK made it. */
        void ready() {
            ready = true;
        }

        @Override
        public PublishResult publish(Event event) {
            if (ready) {
                return delegate.publish(event);
            }
            if (event.cause() instanceof AuthenticationFailureException refused) {
                refusal.complete(refused);
            }
            return delegate.publish(event.severity() == Event.Severity.WARN ? new Quieted(event) : event);
        }

        @Override
        public EventSubscription subscribe(Consumer<Event> consumer) {
            return delegate.subscribe(consumer);
        }

        @Override
        public void unsubscribe(EventSubscription subscription) {
            delegate.unsubscribe(subscription);
        }

        @Override
        public Mono<Void> start() {
            return delegate.start();
        }

        @Override
        public Mono<Void> stop(Duration timeout) {
            return delegate.stop(timeout);
        }

        void stopQuietly() {
            try {
                delegate.stop(EVENT_BUS_STOP_TIMEOUT).block();
            } catch (RuntimeException e) {
                log.debug("The Couchbase event bus did not stop cleanly; ignored", e);
            }
        }
    }

    /** A WARN event of a cluster not yet ready, handed to the SDK's logging consumer as DEBUG. */
    private record Quieted(Event original) implements Event {

        /**
         * The SDK's {@code Event} still declares this deprecated method abstract (superseded by
         * {@link #created()}), so it must be implemented; marked deprecated as the method it overrides,
         * it is passed on unchanged.
         */
        @Deprecated
        @Override
        public long createdAt() {
            return original.createdAt();
        }

        @Override
        public Instant created() {
            return original.created();
        }

        @Override
        public Severity severity() {
            return Severity.DEBUG;
        }

        @Override
        public String category() {
            return original.category();
        }

        @Override
        public Duration duration() {
            return original.duration();
        }

        @Override
        public Context context() {
            return original.context();
        }

        @Override
        public String description() {
            return original.getClass().getSimpleName() + " (a WARN while connecting; Tidemark reports the outcome): "
                    + original.description();
        }

        @Override
        public Throwable cause() {
            return original.cause();
        }
    }
}

package io.tidemark.core;

import io.tidemark.api.Recovery;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.event.TidemarkEvent;
import io.tidemark.core.event.TidemarkListener;
import io.tidemark.core.internal.config.StoreResolver;
import io.tidemark.core.internal.engine.ChainSettings;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ChangeSet;
import io.tidemark.core.internal.loading.ChangeSetLoader;
import io.tidemark.core.internal.loading.ChangeUnits;
import io.tidemark.core.internal.loading.Dependencies;
import io.tidemark.core.internal.lock.LockPolicy;
import io.tidemark.core.internal.operator.ChainOperator;
import io.tidemark.core.internal.text.RecordText;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Configures a {@link Tidemark}. Settings made in code win over configuration; configuration
 * ({@link TidemarkConfig#load()} unless {@link #configuration} is given) fills the rest, and
 * defaults fill what neither sets.
 *
 * <p>Without {@link #auditStore(AuditStore)} the store is created from configuration by the
 * adapter named in {@code tidemark.store} (or the only adapter on the class path), and the built
 * Tidemark owns and closes it.
 *
 * <p>{@link #build()} validates every change unit and reports every problem at once.
 * {@link #buildOperator()} gives the operator API alone, for tools that inspect and repair a chain
 * (the command line) without running change units.
 */
public final class TidemarkBuilder {

    private static final Pattern CHAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final String RESERVED_CHAIN = "lock";

    private AuditStore store;
    private TidemarkConfig config;
    private String chain;
    private final List<Class<?>> classes = new ArrayList<>();
    private final List<String> packages = new ArrayList<>();
    private final Dependencies dependencies = new Dependencies();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.THREAD_SLEEP;
    private Duration lockTimeout;
    private Duration leaseDuration;
    private Duration minPoll = LockPolicy.DEFAULT.minPoll();
    private Duration maxPoll = LockPolicy.DEFAULT.maxPoll();
    private String instanceId;
    private ClassLoader classLoader;
    private final List<TidemarkListener> listeners = new ArrayList<>();

    TidemarkBuilder() {
    }

    /** The audit store to use; the caller keeps ownership (it is not closed by Tidemark). */
    public TidemarkBuilder auditStore(AuditStore value) {
        this.store = Objects.requireNonNull(value, "auditStore");
        return this;
    }

    /** Where configuration comes from, instead of system properties, environment and {@code tidemark.properties}. */
    public TidemarkBuilder configuration(TidemarkConfig value) {
        this.config = Objects.requireNonNull(value, "configuration");
        return this;
    }

    /**
     * The audit chain: an independent log, so that several services can share one table without
     * seeing each other's changes. Letters, digits, {@code .}, {@code -} and {@code _}, at most 100
     * characters, and not {@code lock} (reserved); default {@code default} (or {@code tidemark.chain}).
     */
    public TidemarkBuilder chain(String value) {
        this.chain = Objects.requireNonNull(value, "chain");
        return this;
    }

    /** Change-unit classes to run. */
    public TidemarkBuilder changeUnits(Class<?>... types) {
        classes.addAll(Arrays.asList(types));
        return this;
    }

    /** Packages whose {@code @ChangeUnit} classes (sub-packages included) run. */
    public TidemarkBuilder scanPackage(String... names) {
        packages.addAll(Arrays.asList(names));
        return this;
    }

    /** Makes {@code value} injectable into change units by {@code type} (and its supertypes). */
    public <T> TidemarkBuilder dependency(Class<T> type, T value) {
        dependencies.register(type, value);
        return this;
    }

    /** Makes {@code value} injectable under its own class (and its supertypes). */
    @SuppressWarnings("unchecked")
    public TidemarkBuilder dependency(Object value) {
        dependencies.register((Class<Object>) value.getClass(), value);
        return this;
    }

    /** The clock for record timestamps and lease expiry (default system UTC). */
    public TidemarkBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** How to wait between lock attempts; tests pass one that advances their clock. */
    public TidemarkBuilder sleeper(Sleeper value) {
        this.sleeper = Objects.requireNonNull(value, "sleeper");
        return this;
    }

    /**
     * How long to wait for a lock held by another instance (default 3 min, or {@code tidemark.lock.timeout});
     * from zero to 24 h.
     */
    public TidemarkBuilder lockTimeout(Duration value) {
        this.lockTimeout = Objects.requireNonNull(value, "lockTimeout");
        return this;
    }

    /**
     * How long one lease lasts before it must be extended (default 60 s, or
     * {@code tidemark.lock.lease-duration}); from 1 ms to 1 h.
     */
    public TidemarkBuilder leaseDuration(Duration value) {
        this.leaseDuration = Objects.requireNonNull(value, "leaseDuration");
        return this;
    }

    /** Pauses between lock attempts while waiting: from {@code min}, backing off to {@code max} (default 25 ms to 200 ms). */
    public TidemarkBuilder lockPolling(Duration min, Duration max) {
        this.minPoll = Objects.requireNonNull(min, "min");
        this.maxPoll = Objects.requireNonNull(max, "max");
        return this;
    }

    /** This instance's name in audit records (default host, process id and a random part). */
    public TidemarkBuilder instanceId(String value) {
        this.instanceId = Objects.requireNonNull(value, "instanceId");
        return this;
    }

    /** The class loader for package scanning and adapter discovery (default: the context class loader). */
    public TidemarkBuilder classLoader(ClassLoader value) {
        this.classLoader = Objects.requireNonNull(value, "classLoader");
        return this;
    }

    /**
     * Adds a listener that receives the events of every run ({@link TidemarkEvent}): on the run's
     * thread, in order, after the listeners added before it. Any number may be added. A listener that
     * throws is logged and never changes the outcome of a run; see {@link TidemarkListener}.
     *
     * @param value the listener
     * @return this builder
     */
    public TidemarkBuilder listener(TidemarkListener value) {
        listeners.add(Objects.requireNonNull(value, "listener"));
        return this;
    }

    /**
     * Validates everything and returns a ready Tidemark. Nothing is written and no lock is taken.
     *
     * <p>When the change units come from {@link #scanPackage scanned packages} only, and each package
     * has a build-time index written by {@code tidemark-processor} that describes exactly the class
     * files on the class path (names, sizes and fingerprints, checked without loading a class), no
     * change-unit class is loaded here: their ids, orders and parameter types are read from the index
     * and checked (ids, orders, a registered dependency for every parameter), and the classes are
     * loaded and fully validated only when a run has something to do, or when {@link Tidemark#changeUnits()}
     * or {@link Tidemark#operator()} needs them. An index that does not match is logged at INFO with
     * the reason, and the classes are scanned and validated here as without one.
     *
     * @throws ConfigurationException listing every problem found
     */
    public Tidemark build() {
        return withSettings((settings, owned) -> {
            ChangeUnits changeUnits = ChangeUnits.resolve(classes, packages, loader(), dependencies,
                    settings.store().transactions(), () -> load(settings));
            return new Tidemark(settings, changeUnits, owned, listeners);
        });
    }

    /**
     * The operator API ({@link OperatorApi}) over the configured store, for inspecting and repairing
     * its chain without running anything: store, chain, lock timeout, lease, clock, sleeper and
     * instance id come from this builder and configuration, as for {@link #build()}. No change unit
     * is needed; if some are registered ({@link #changeUnits}, {@link #scanPackage}), they are
     * validated as {@code build()} does and the operator knows them (their recovery settings decide
     * what counts as an issue, and their ids may be marked applied before they ever ran).
     *
     * <p>With a store created from configuration, the operator API owns it and closes it in
     * {@link OperatorApi#close()}; a store given with {@link #auditStore} stays open.
     *
     * @throws ConfigurationException listing every problem found
     */
    public OperatorApi buildOperator() {
        return withSettings((settings, owned) -> {
            Map<String, Recovery> known = classes.isEmpty() && packages.isEmpty() ? Map.of()
                    : load(settings).changes().stream()
                            .collect(Collectors.toMap(ChangeDefinition::id, ChangeDefinition::recovery));
            return new ChainOperator(settings, known, owned);
        });
    }

    private ChangeSet load(ChainSettings settings) {
        return new ChangeSetLoader(dependencies, settings.store().transactions(), settings.store().describe(),
                loader()).load(classes, packages);
    }

    /** What {@code build} and {@code buildOperator} do with settings they share. */
    @FunctionalInterface
    private interface Assembly<T> {
        T assemble(ChainSettings settings, boolean ownsStore);
    }

    /**
     * Resolves the chain, the lock policy and the instance from code and configuration, creates the
     * store from configuration when none was given, and assembles the result; a store created here is
     * closed again when anything fails.
     */
    private <T> T withSettings(Assembly<T> assembly) {
        ClassLoader loader = loader();
        TidemarkConfig settings = config != null ? config : TidemarkConfig.load(loader);
        String chainName = Optional.ofNullable(chain).or(() -> settings.get(Tidemark.Keys.CHAIN)).orElse("default");
        requireValidChainName(chainName);
        LockPolicy policy = lockPolicy(settings);
        boolean owned = store == null;
        AuditStore auditStore = owned ? StoreResolver.fromClassPath(loader).create(settings, clock) : store;
        try {
            String host = hostName();
            String instance = Optional.ofNullable(instanceId).or(() -> settings.get(Tidemark.Keys.INSTANCE_ID))
                    .orElseGet(() -> RecordText.bounded(host, RecordText.MAX_ID_LENGTH - 30) + "-"
                            + ProcessHandle.current().pid() + "-"
                            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
            RecordText.problemWithIdentifier(instance, "instance id (" + Tidemark.Keys.INSTANCE_ID + ")",
                    RecordText.MAX_ID_LENGTH).ifPresent(problem -> {
                        throw new ConfigurationException(problem);
                    });
            return assembly.assemble(new ChainSettings(auditStore, chainName, policy, clock, sleeper, host, instance),
                    owned);
        } catch (RuntimeException e) {
            if (owned) {
                auditStore.close();
            }
            throw e;
        }
    }

    /**
     * The one rule for chain names, checked here and nowhere else (adapters rely on it): 1 to 100
     * letters, digits, {@code .}, {@code -} and {@code _}, so that every backend can use the name in
     * keys, and not {@value #RESERVED_CHAIN}, which the Couchbase adapter's lock documents use in
     * their keys (reserved on every store, so that any chain can move between stores).
     */
    private static void requireValidChainName(String chainName) {
        if (!CHAIN_NAME.matcher(chainName).matches()) {
            throw new ConfigurationException("Chain name '" + chainName + "' is invalid: use 1 to 100 letters, digits, "
                    + "'.', '-' or '_'");
        }
        if (chainName.equals(RESERVED_CHAIN)) {
            throw new ConfigurationException("Chain name '" + RESERVED_CHAIN + "' is reserved (the Couchbase adapter "
                    + "keeps its lock documents under it, and a chain must be able to move to any store): set "
                    + Tidemark.Keys.CHAIN + " or chain(...) to another name");
        }
    }

    private LockPolicy lockPolicy(TidemarkConfig settings) {
        try {
            return new LockPolicy(
                    Optional.ofNullable(leaseDuration).or(() -> settings.getDuration(Tidemark.Keys.LEASE_DURATION,
                            TidemarkConfig.MIN_LEASE_DURATION, TidemarkConfig.MAX_LEASE_DURATION))
                            .orElse(LockPolicy.DEFAULT.leaseDuration()),
                    Optional.ofNullable(lockTimeout).or(() -> settings.getDuration(Tidemark.Keys.LOCK_TIMEOUT,
                            Duration.ZERO, TidemarkConfig.MAX_LOCK_TIMEOUT))
                            .orElse(LockPolicy.DEFAULT.timeout()),
                    minPoll, maxPoll);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid lock settings: " + e.getMessage(), e);
        }
    }

    private ClassLoader loader() {
        return classLoader != null ? classLoader
                : Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                        .orElse(TidemarkBuilder.class.getClassLoader());
    }

    /** The host name without a DNS lookup where the environment tells it (lookups can take seconds). */
    private static String hostName() {
        for (String variable : List.of("HOSTNAME", "COMPUTERNAME")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}

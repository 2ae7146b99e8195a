package io.tidemark.core;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.event.TidemarkEvent;
import io.tidemark.core.event.TidemarkListener;
import io.tidemark.core.internal.config.KnownKeys;
import io.tidemark.core.internal.config.StoreResolver;
import io.tidemark.core.internal.config.UnknownKeys;
import io.tidemark.core.internal.engine.ChainSettings;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ChangeSet;
import io.tidemark.core.internal.loading.ChangeSetLoader;
import io.tidemark.core.internal.loading.ChangeUnits;
import io.tidemark.core.internal.loading.Dependencies;
import io.tidemark.core.internal.lock.LockPolicy;
import io.tidemark.core.internal.operator.ChainOperator;
import io.tidemark.core.internal.text.RecordText;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.TransactionSupport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

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
 * (the command line) without running change units. {@link #validate()} checks the change units
 * without a store, and {@link #buildRehearsal()} gives a testing aid that applies and rolls back one
 * change at a time.
 */
public final class TidemarkBuilder {

    private static final Pattern CHAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final String RESERVED_CHAIN = "lock";
    private static final String MODE_RUN = "run";
    private static final String MODE_VALIDATE = "validate";

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
    private boolean rejectUnknownKeys;
    private final List<TidemarkListener> listeners = new ArrayList<>();
    private boolean validateOnly;
    private boolean inspectOnly;

    TidemarkBuilder() {}

    /**
     * The audit store to use; the caller keeps ownership (it is not closed by Tidemark).
     *
     * @param value the store, built in code (for example {@code DynamoDbAuditStore.builder(client).build()})
     * @return this builder
     */
    public TidemarkBuilder auditStore(AuditStore value) {
        this.store = Objects.requireNonNull(value, "auditStore");
        return this;
    }

    /**
     * Where configuration comes from, instead of system properties, environment and {@code tidemark.properties}.
     *
     * @param value the configuration to read {@code tidemark.*} keys from
     * @return this builder
     */
    public TidemarkBuilder configuration(TidemarkConfig value) {
        this.config = Objects.requireNonNull(value, "configuration");
        return this;
    }

    /**
     * The audit chain: an independent log, so that several services can share one table without
     * seeing each other's changes. Letters, digits, {@code .}, {@code -} and {@code _}, at most 100
     * characters, and not {@code lock} (reserved); default {@code default} (or {@code tidemark.chain}).
     *
     * @param value the chain's name
     * @return this builder
     */
    public TidemarkBuilder chain(String value) {
        this.chain = Objects.requireNonNull(value, "chain");
        return this;
    }

    /**
     * Change-unit classes to run.
     *
     * @param types classes annotated with {@code @ChangeUnit}
     * @return this builder
     */
    public TidemarkBuilder changeUnits(Class<?>... types) {
        classes.addAll(Arrays.asList(types));
        return this;
    }

    /**
     * Packages whose {@code @ChangeUnit} classes (sub-packages included) run. The class loader's
     * directories and jars holding each package are listed; {@link #build()} fails when a package is
     * also somewhere that cannot be listed (a GraalVM native image, an application server's virtual
     * file system), which might hold change units: name them with {@link #changeUnits} there.
     *
     * @param names package names, such as {@code com.example.changes}
     * @return this builder
     */
    public TidemarkBuilder scanPackage(String... names) {
        packages.addAll(Arrays.asList(names));
        return this;
    }

    /**
     * Makes {@code value} injectable into change units by {@code type} (and its supertypes).
     *
     * @param <T>   the type change units declare
     * @param type  the type a parameter must be declared with (or a supertype of it) to receive {@code value}
     * @param value the instance injected
     * @return this builder
     */
    public <T> TidemarkBuilder dependency(Class<T> type, T value) {
        dependencies.register(type, value);
        return this;
    }

    /**
     * Makes {@code value} injectable under its own class (and its supertypes).
     *
     * @param value the instance injected
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    public TidemarkBuilder dependency(Object value) {
        dependencies.register((Class<Object>) value.getClass(), value);
        return this;
    }

    /**
     * Supplies the change units' parameters that no {@link #dependency registered dependency}
     * supplies, such as the objects of an application context (the Spring Boot starter sets one that
     * resolves beans by type and qualifier). Consulted after the registered dependencies, once per
     * parameter, when the change units are validated; see {@link DependencyResolver}. A parameter it
     * cannot supply is one of the problems {@link #build()} and {@link #validate()} list.
     *
     * @param value the resolver
     * @return this builder
     */
    public TidemarkBuilder dependencyResolver(DependencyResolver value) {
        dependencies.resolver(value);
        return this;
    }

    /**
     * The clock for record timestamps and lease expiry (default system UTC).
     *
     * @param value the clock
     * @return this builder
     */
    public TidemarkBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /**
     * How to wait between lock attempts; tests pass one that advances their clock.
     *
     * @param value the sleeper
     * @return this builder
     */
    public TidemarkBuilder sleeper(Sleeper value) {
        this.sleeper = Objects.requireNonNull(value, "sleeper");
        return this;
    }

    /**
     * How long to wait for a lock held by another instance (default 3 min, or {@code tidemark.lock.timeout});
     * from zero to 24 h.
     *
     * @param value the longest wait
     * @return this builder
     */
    public TidemarkBuilder lockTimeout(Duration value) {
        this.lockTimeout = Objects.requireNonNull(value, "lockTimeout");
        return this;
    }

    /**
     * How long one lease lasts before it must be extended (default 60 s, or
     * {@code tidemark.lock.lease-duration}); from 1 ms to 1 h.
     *
     * @param value the lease's duration
     * @return this builder
     */
    public TidemarkBuilder leaseDuration(Duration value) {
        this.leaseDuration = Objects.requireNonNull(value, "leaseDuration");
        return this;
    }

    /**
     * Pauses between lock attempts while waiting: from {@code min}, backing off to {@code max} (default 25 ms to 200 ms).
     *
     * @param min the first pause
     * @param max the longest pause, at least {@code min}
     * @return this builder
     */
    public TidemarkBuilder lockPolling(Duration min, Duration max) {
        this.minPoll = Objects.requireNonNull(min, "min");
        this.maxPoll = Objects.requireNonNull(max, "max");
        return this;
    }

    /**
     * This instance's name in audit records and in the lock (default host, process id and a random
     * part). A blank name fails {@code build()}: the lock and the records could not tell this instance
     * from another so named. (In configuration, {@code tidemark.instance-id} set blank counts as unset,
     * as every key does.)
     *
     * @param value the instance's name
     * @return this builder
     */
    public TidemarkBuilder instanceId(String value) {
        this.instanceId = Objects.requireNonNull(value, "instanceId");
        return this;
    }

    /**
     * The class loader for package scanning and adapter discovery (default: the context class loader).
     *
     * @param value the class loader
     * @return this builder
     */
    public TidemarkBuilder classLoader(ClassLoader value) {
        this.classLoader = Objects.requireNonNull(value, "classLoader");
        return this;
    }

    /**
     * Makes a {@code tidemark.*} key that no part of Tidemark reads an error of {@link #build()} and
     * {@link #buildOperator()}, listing every such key with the nearest known one, instead of a WARN
     * for each: for programs that read nothing but Tidemark's keys, such as the command line. The
     * known keys are the core's, those of every adapter on the class path and those other modules
     * declare (see {@link ConfigurationKeys}).
     *
     * @return this builder
     */
    public TidemarkBuilder rejectUnknownKeys() {
        this.rejectUnknownKeys = true;
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
     * Makes {@link Tidemark#run()} validate only: it applies nothing, and throws
     * {@link io.tidemark.core.error.PendingChangesException} unless the chain is up to date. For CI
     * jobs, and for instances that must start only after a separate migration job ran. Without it,
     * {@code tidemark.mode} decides ({@code run}, the default, or {@code validate}).
     *
     * @return this builder
     */
    public TidemarkBuilder validateOnly() {
        this.validateOnly = true;
        return this;
    }

    /**
     * For tools that plan or baseline an application's change units without running them (the command
     * line's {@code tidemark plan} and {@code tidemark baseline}): the change units are validated as
     * {@link #build()} does, except that their parameters need no registered dependency, since they
     * are never invoked. The built Tidemark is {@linkplain #validateOnly() validate-only} whatever
     * {@code tidemark.mode} says; {@link Tidemark#plan()} and {@link Tidemark#operator()} work as
     * usual. As always, no change unit's static initialiser runs while it is validated.
     *
     * @return this builder
     */
    public TidemarkBuilder inspectOnly() {
        this.inspectOnly = true;
        return this;
    }

    /**
     * Validates everything and returns a ready Tidemark. Nothing is written and no lock is taken.
     * Each {@code tidemark.*} key of the configuration that no part of Tidemark reads is logged at
     * WARN, with its source and the nearest known key (see {@link #rejectUnknownKeys()}).
     *
     * <p>When the change units come from {@link #scanPackage scanned packages} only, and each package
     * has a build-time index written by {@code tidemark-processor} that describes exactly the class
     * files on the class path (names, sizes and fingerprints, checked without loading a class), no
     * change-unit class is loaded here: their ids, orders and parameter types are read from the index
     * and checked (ids, orders, a registered dependency for every parameter), and the classes are
     * loaded and fully validated only when a run has something to do, or when {@link Tidemark#plan()},
     * {@link Tidemark#changeUnits()} or {@link Tidemark#operator()} needs them. An index that does not
     * match is logged at INFO with the reason, and the classes are scanned and validated here as
     * without one. A {@linkplain #validateOnly() validate-only} or {@linkplain #inspectOnly()
     * inspect-only} build always loads and validates the classes here: validating is its purpose.
     *
     * @return a Tidemark ready to {@linkplain Tidemark#run() run}
     * @throws ConfigurationException listing every problem found, or naming an unknown
     *     {@code tidemark.mode}
     */
    public Tidemark build() {
        return withSettings((settings, configuration, owned) -> {
            boolean validating = validateOnly
                    || inspectOnly
                    || configuration
                            .getChoice(Tidemark.Keys.MODE, List.of(MODE_RUN, MODE_VALIDATE))
                            .orElse(MODE_RUN)
                            .equals(MODE_VALIDATE);
            ChangeUnits changeUnits = validating
                    ? ChangeUnits.of(load(settings))
                    : ChangeUnits.resolve(
                            classes,
                            packages,
                            loader(),
                            dependencies,
                            settings.store().transactions(),
                            () -> load(settings));
            return new Tidemark(settings, changeUnits, owned, validating, listeners);
        });
    }

    /**
     * Checks the change units as {@link #build()} does, without a store: no store is created or
     * contacted, no configuration is read, nothing runs. For a unit test that proves a change set
     * is valid before it ships, and for the kit {@code io.tidemark:tidemark-test}.
     *
     * <p>It lists every problem {@code build()} would report about the change units (missing
     * annotation, ids, orders, duplicates, {@code @Execution} and {@code @RollbackExecution} methods,
     * constructors, parameters nothing supplies, transaction handles), in the same words and order,
     * preceded by problems of the settings made in code ({@link #chain}, {@link #lockTimeout},
     * {@link #leaseDuration}, {@link #lockPolling}, {@link #instanceId}): {@code build()} stops at the
     * first of those, this lists them all.
     *
     * <p>What it cannot check: settings that come from configuration (they differ between
     * environments); whether the store can run transactions (a MongoDB standalone server cannot; only
     * the store can tell, when {@code build()} asks it); and anything a change does when it runs.
     * A parameter is taken for the store's transaction handle when its type is exactly the handle type
     * of the store given with {@link #auditStore}; without a store no parameter is, unless
     * {@link #validate(Collection, Optional)} names the handle type.
     *
     * @return every problem found, or the validated change units in run order
     */
    public ChangeSetValidation validate() {
        return validate(List.of(), Optional.empty());
    }

    /**
     * As {@link #validate()}, with assumptions about what the application supplies at run time.
     *
     * @param suppliedTypes         types of dependencies the application registers when it runs, but
     *                              this check has no value for (a {@code MongoDatabase} in a unit test
     *                              with no database): parameters of these types are satisfied as if
     *                              registered with {@link #dependency(Class, Object)}
     * @param transactionHandleType the transaction handle type of the store the change set will run
     *                              with (a MongoDB {@code ClientSession}, a {@code DynamoDbChangeTransaction});
     *                              empty to take the handle type of the store given with
     *                              {@link #auditStore}, if any
     * @return every problem found, or the validated change units in run order
     */
    public ChangeSetValidation validate(Collection<Class<?>> suppliedTypes, Optional<Class<?>> transactionHandleType) {
        Objects.requireNonNull(suppliedTypes, "suppliedTypes");
        Objects.requireNonNull(transactionHandleType, "transactionHandleType");
        List<String> problems = new ArrayList<>();
        if (chain != null) {
            problemsOf(() -> requireValidChainName(chain), problems);
        }
        problemsOf(() -> lockPolicy(TidemarkConfig.of()), problems);
        if (instanceId != null) {
            problemWithInstanceId(instanceId).ifPresent(problems::add);
        }
        Dependencies assumed = dependencies.copy();
        suppliedTypes.forEach(assumed::declare);
        Optional<Class<?>> handleType = transactionHandleType.or(() ->
                Optional.ofNullable(store).flatMap(AuditStore::transactions).map(TransactionSupport::handleType));
        try {
            ChangeSet changeSet =
                    ChangeSetLoader.withoutStore(assumed, handleType, loader()).load(classes, packages);
            return problems.isEmpty()
                    ? new ChangeSetValidation(
                            List.of(),
                            changeSet.changes().stream()
                                    .map(ChangeDefinition::info)
                                    .toList())
                    : new ChangeSetValidation(problems, List.of());
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            return new ChangeSetValidation(problems, List.of());
        }
    }

    private static void problemsOf(Runnable check, List<String> problems) {
        try {
            check.run();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
    }

    /**
     * A {@link Rehearsal} of the change units: a testing aid that applies and rolls back one change at
     * a time against the application's dependencies, recording each step on a scratch chain. The chain
     * is kept in the store given with {@link #auditStore}, or else in a fresh in-memory store: a
     * rehearsal never creates a store from configuration. Change units are validated as by
     * {@link #build()}.
     *
     * @return a Tidemark ready to {@link Tidemark#run() run}
     * @throws ConfigurationException listing every problem found
     */
    public Rehearsal buildRehearsal() {
        return withSettings(
                (settings, configuration, owned) -> new Rehearsal(settings, load(settings)),
                Optional.of(config -> new InMemoryAuditStore(clock)));
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
     * @return an operator API over the configured store and chain
     * @throws ConfigurationException listing every problem found
     */
    public OperatorApi buildOperator() {
        return withSettings((settings, configuration, owned) -> new ChainOperator(
                settings, classes.isEmpty() && packages.isEmpty() ? ChangeSet.none() : load(settings), owned));
    }

    private ChangeSet load(ChainSettings settings) {
        return new ChangeSetLoader(
                        dependencies,
                        settings.store().transactions(),
                        settings.store().describe(),
                        loader(),
                        inspectOnly)
                .load(classes, packages);
    }

    /** What {@code build} and {@code buildOperator} do with settings and configuration they share. */
    @FunctionalInterface
    private interface Assembly<T> {
        T assemble(ChainSettings settings, TidemarkConfig configuration, boolean ownsStore);
    }

    /**
     * Resolves the chain, the lock policy and the instance from code and configuration, creates the
     * store from configuration when none was given, and assembles the result; a store created here is
     * closed again when anything fails.
     */
    private <T> T withSettings(Assembly<T> assembly) {
        return withSettings(assembly, Optional.empty());
    }

    /**
     * As {@link #withSettings(Assembly)}; {@code storeWhenNoneGiven}, when present, creates the store
     * when none was given (otherwise the provider that configuration selects does).
     */
    private <T> T withSettings(
            Assembly<T> assembly, Optional<Function<TidemarkConfig, AuditStore>> storeWhenNoneGiven) {
        ClassLoader loader = loader();
        TidemarkConfig settings = config != null ? config : TidemarkConfig.load(loader);
        StoreResolver resolver = StoreResolver.fromClassPath(loader);
        UnknownKeys.check(settings, KnownKeys.collect(loader, resolver.providers()), rejectUnknownKeys);
        String chainName = Optional.ofNullable(chain)
                .or(() -> settings.get(Tidemark.Keys.CHAIN))
                .orElse("default");
        requireValidChainName(chainName);
        LockPolicy policy = lockPolicy(settings);
        boolean owned = store == null;
        AuditStore auditStore = owned
                ? storeWhenNoneGiven
                        .orElse(config -> resolver.create(config, clock))
                        .apply(settings)
                : store;
        try {
            String host = hostName();
            String instance = Optional.ofNullable(instanceId)
                    .or(() -> settings.get(Tidemark.Keys.INSTANCE_ID))
                    .orElseGet(() -> RecordText.bounded(host, RecordText.MAX_ID_LENGTH - 30) + "-"
                            + ProcessHandle.current().pid() + "-"
                            + HexFormat.of()
                                    .toHexDigits(ThreadLocalRandom.current().nextInt()));
            problemWithInstanceId(instance).ifPresent(problem -> {
                throw new ConfigurationException(problem);
            });
            return assembly.assemble(
                    new ChainSettings(auditStore, chainName, policy, clock, sleeper, host, instance), settings, owned);
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
            throw new ConfigurationException(
                    "Chain name '" + chainName + "' is invalid: use 1 to 100 letters, digits, " + "'.', '-' or '_'");
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
                    Optional.ofNullable(leaseDuration)
                            .or(() -> settings.getDuration(
                                    Tidemark.Keys.LEASE_DURATION,
                                    TidemarkConfig.MIN_LEASE_DURATION,
                                    TidemarkConfig.MAX_LEASE_DURATION))
                            .orElse(LockPolicy.DEFAULT.leaseDuration()),
                    Optional.ofNullable(lockTimeout)
                            .or(() -> settings.getDuration(
                                    Tidemark.Keys.LOCK_TIMEOUT, Duration.ZERO, TidemarkConfig.MAX_LOCK_TIMEOUT))
                            .orElse(LockPolicy.DEFAULT.timeout()),
                    minPoll,
                    maxPoll);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid lock settings: " + e.getMessage(), e);
        }
    }

    private ClassLoader loader() {
        return classLoader != null
                ? classLoader
                : Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                        .orElse(TidemarkBuilder.class.getClassLoader());
    }

    /** The host name without a DNS lookup where the environment tells it (lookups can take seconds). */
    /**
     * What is wrong with an instance id given in code or configuration: blank (the lock and the records
     * could not tell this instance from another given the same), not well-formed, or too long.
     */
    private static Optional<String> problemWithInstanceId(String value) {
        String what = "instance id (" + Tidemark.Keys.INSTANCE_ID + ")";
        if (value.isBlank()) {
            return Optional.of("The " + what + " is blank: name this instance, or leave it unset for the default "
                    + "(host name, process id and a random part).");
        }
        return RecordText.problemWithIdentifier(value, what, RecordText.MAX_ID_LENGTH);
    }

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

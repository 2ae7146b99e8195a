package io.tidemark.core.internal.loading;

import io.tidemark.api.ChangeContext;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.internal.text.RecordText;
import io.tidemark.spi.TransactionSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change units of one Tidemark: either loaded and validated (a {@link ChangeSet}), or known from
 * build-time indexes ({@link IndexLookup}) and loaded only when something needs their classes.
 *
 * <p>What an idle start needs, the change set's {@linkplain #digest() digest} and each change's id
 * and order ({@link #entries()}), an indexed instance answers without loading any class. Everything
 * else asks {@link #loaded()}, which loads and fully validates the classes once (as {@code build()}
 * does without an index) and from then on answers every question from them. Thread-safe.
 *
 * <p>A load that finds the change units invalid ({@link ConfigurationException}: a broken change
 * unit, a parameter no dependency or resolver supplies) is not tried again: the classes a class loader
 * defined and the beans of a running application do not change, and a health check that asks for the
 * plan every few seconds would otherwise list and load every class each time. Later calls throw a new
 * {@link ConfigurationException} with the same problems, caused by the first. Anything else (a
 * resolver that threw) is tried again on the next call.
 */
public final class ChangeUnits {

    private static final Logger log = LoggerFactory.getLogger(ChangeUnits.class);

    /**
     * A change unit as a run's report names it.
     *
     * @param id    its id
     * @param order its order
     */
    public record Entry(String id, String order) {}

    private final Supplier<List<Entry>> indexedEntries;
    private final int indexedSize;
    private final String indexedDigest;
    private final Supplier<ChangeSet> loader;
    private volatile ChangeSet loaded;
    /** The problems the load found, once it found some; guarded by {@code this}. */
    private ConfigurationException failed;

    private volatile List<Entry> entries;

    private ChangeUnits(
            Supplier<List<Entry>> indexedEntries,
            int indexedSize,
            String indexedDigest,
            Supplier<ChangeSet> loader,
            ChangeSet loaded) {
        this.indexedEntries = indexedEntries;
        this.indexedSize = indexedSize;
        this.indexedDigest = indexedDigest;
        this.loader = loader;
        this.loaded = loaded;
    }

    /**
     * The packages holding {@code scanned}'s change units, when every one of them has a build-time index
     * and none is itself a scanned package: the processor is in use, and the scan starts above what it
     * could vouch for (a package that another module of the application shares, say), so the index cannot
     * serve, but scanning those packages instead would find the same change units. Otherwise empty: a change unit in an
     * unindexed package (compiled without the processor, or Mongock's) would be lost by that advice.
     * Looked up only after a scan, one resource per package holding change units.
     */
    private static List<String> indexedPackagesNotScanned(
            ChangeSet scanned, List<String> packages, ClassLoader classLoader) {
        Set<String> unitPackages = new TreeSet<>();
        scanned.changes().forEach(change -> unitPackages.add(change.type().getPackageName()));
        boolean allIndexedBelow = !unitPackages.isEmpty()
                && unitPackages.stream()
                        .allMatch(unitPackage -> !packages.contains(unitPackage)
                                && classLoader.getResource(ChangeIndex.resourceName(unitPackage)) != null);
        return allIndexedBelow ? List.copyOf(unitPackages) : List.of();
    }

    /** Change units already loaded and validated. */
    public static ChangeUnits of(ChangeSet loaded) {
        return new ChangeUnits(List::of, loaded.changes().size(), loaded.digest(), () -> loaded, loaded);
    }

    /**
     * The change units of {@code classes} and {@code packages}: from their build-time indexes when
     * only packages are given and every one of them is indexed, checked, and describes change units
     * that {@code load} would accept as far as can be told without their classes (ids, orders, and a
     * source for every parameter); otherwise {@code load} now, which validates everything and
     * reports every problem as it does without an index.
     *
     * @param classes      change-unit classes given one by one (an index is then not used)
     * @param packages     scanned packages
     * @param classLoader  where the packages are
     * @param dependencies what parameters may receive
     * @param transactions the store's transaction support, when it has one
     * @param load         loads and validates the change units from their classes
     */
    public static ChangeUnits resolve(
            List<Class<?>> classes,
            List<String> packages,
            ClassLoader classLoader,
            Dependencies dependencies,
            Optional<TransactionSupport<?>> transactions,
            Supplier<ChangeSet> load) {
        if (!classes.isEmpty() || packages.isEmpty()) {
            return of(load.get());
        }
        IndexLookup.Result found = IndexLookup.find(classLoader, packages);
        if (found instanceof IndexLookup.Result.NotIndexed notIndexed) {
            if (notIndexed.indexWasThere()) {
                log.info(
                        "Tidemark does not use the build-time index of {}, and loads the change-unit classes "
                                + "instead: {}",
                        packages,
                        notIndexed.reason());
                return of(load.get());
            }
            log.debug(
                    "No build-time index for {} ({}): loading the change-unit classes", packages, notIndexed.reason());
            ChangeSet scanned = load.get();
            List<String> missed = indexedPackagesNotScanned(scanned, packages, classLoader);
            if (!missed.isEmpty()) {
                log.info(
                        "Tidemark does not use the build-time index of {}: it scans {}, which the indexes do not "
                                + "cover (the processor indexes the packages holding classes of the module that has the "
                                + "change units: not a package above them without classes of that module, nor classes of "
                                + "those packages in other jars or directories). Scan {} instead "
                                + "(the builder's scanPackage, or tidemark.scan-packages in Spring Boot) to start from "
                                + "the index",
                        missed,
                        packages,
                        missed);
            }
            return of(scanned);
        }
        List<IndexLookup.Located> indexes = ((IndexLookup.Result.Indexed) found).indexes();
        List<IndexLookup.Located> withUnits =
                indexes.stream().filter(located -> located.head().units() > 0).toList();
        Precheck precheck = new Precheck(classLoader, dependencies, transactions);
        if (withUnits.size() == 1 && precheck.headVouches(withUnits.get(0).head())) {
            IndexLookup.Located located = withUnits.get(0);
            Optional<String> problem = precheck.problemWithUses(located.head());
            if (problem.isPresent()) {
                log.debug(
                        "The build-time index of {} names a problem that loading the classes reports: {}",
                        packages,
                        problem.get());
                return of(load.get());
            }
            log.debug(
                    "Tidemark knows the {} change units of {} from their build-time index; no class loaded",
                    located.head().units(),
                    packages);
            return new ChangeUnits(
                    () -> entriesOf(List.of(located)),
                    located.head().units(),
                    located.head().digest(),
                    load,
                    null);
        }
        Optional<String> problem;
        List<Entry> entries;
        try {
            problem = precheck.problemWith(indexes);
            entries = entriesOf(indexes);
        } catch (IllegalStateException unreadable) {
            log.info(
                    "Tidemark does not use the build-time index of {}, and loads the change-unit classes instead: {}",
                    packages,
                    unreadable.getMessage());
            return of(load.get());
        }
        if (problem.isPresent()) {
            log.debug(
                    "The build-time index of {} names a problem that loading the classes reports: {}",
                    packages,
                    problem.get());
            return of(load.get());
        }
        String digest = withUnits.size() == 1
                ? withUnits.get(0).head().digest()
                : ChangeSet.digestOf(entries.stream().map(Entry::id).toList());
        log.debug(
                "Tidemark knows the {} change units of {} from their build-time index; no class loaded",
                entries.size(),
                packages);
        return new ChangeUnits(() -> entries, entries.size(), digest, load, null);
    }

    /** The change units the indexes list, in run order. */
    private static List<Entry> entriesOf(List<IndexLookup.Located> indexes) {
        List<Entry> entries = new ArrayList<>();
        for (IndexLookup.Located located : indexes) {
            for (ChangeIndex.Unit unit : located.index().units()) {
                entries.add(new Entry(unit.id(), unit.order()));
            }
        }
        if (!inRunOrder(entries)) {
            entries.sort((a, b) -> VersionOrder.INSTANCE.compare(a.order(), b.order()));
        }
        return List.copyOf(entries);
    }

    /**
     * Whether {@code entries} are already in run order, as one package's index lists them: checking
     * costs one comparison per change unit, sorting many more (this is on the path of every idle start).
     */
    private static boolean inRunOrder(List<Entry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            if (VersionOrder.INSTANCE.compare(
                            entries.get(i - 1).order(), entries.get(i).order())
                    > 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the classes were loaded (always, without an index). */
    public boolean isLoaded() {
        return loaded != null;
    }

    /** The change set's digest ({@link ChangeSet#digest()}), from the index until the classes are loaded. */
    public String digest() {
        ChangeSet set = loaded;
        return set != null ? set.digest() : indexedDigest;
    }

    /** How many change units there are, without reading more than the index's head. */
    public int size() {
        ChangeSet set = loaded;
        return set != null ? set.changes().size() : indexedSize;
    }

    /**
     * Each change unit's id and order, in the order they run. Indexed: read from the index on the first
     * call (an idle start's report asks for them only when its list of changes is read); should the
     * index no longer be readable, from the classes.
     */
    public List<Entry> entries() {
        ChangeSet set = loaded;
        if (set != null) {
            return set.changes().stream().map(c -> new Entry(c.id(), c.order())).toList();
        }
        List<Entry> known = entries;
        if (known == null) {
            try {
                known = indexedEntries.get();
            } catch (IllegalStateException e) {
                log.warn("{}; Tidemark loads the change-unit classes instead", e.getMessage());
                return loaded().changes().stream()
                        .map(c -> new Entry(c.id(), c.order()))
                        .toList();
            }
            entries = known;
        }
        return known;
    }

    /**
     * The loaded, validated change set, loading it on the first call.
     *
     * @throws io.tidemark.core.error.ConfigurationException listing every problem, as {@code build()} does
     *     (the same problems again on every later call, without loading again)
     */
    public ChangeSet loaded() {
        ChangeSet set = loaded;
        if (set == null) {
            synchronized (this) {
                set = loaded;
                if (set == null) {
                    ConfigurationException earlier = failed;
                    if (earlier != null) {
                        throw new ConfigurationException(earlier.problems(), earlier);
                    }
                    try {
                        set = loader.get();
                    } catch (ConfigurationException e) {
                        failed = e;
                        throw e;
                    }
                    if (!set.digest().equals(indexedDigest)) {
                        log.warn(
                                "The build-time index described other change units than the classes hold (digest {} "
                                        + "in the index, {} from the classes); the classes decide. Rebuild with a clean build.",
                                indexedDigest,
                                set.digest());
                    }
                    loaded = set;
                }
            }
        }
        return set;
    }

    /**
     * What can be checked of indexed change units without loading their classes, so that
     * {@code build()} still fails where it would fail without the index: ids and orders, and a source
     * for every parameter (the dependency types are the application's own classes, already loaded, and
     * few). Anything found is left to loading the classes, which reports it in full.
     */
    private static final class Precheck {
        private final ClassLoader classLoader;
        private final Dependencies dependencies;
        private final Optional<TransactionSupport<?>> transactions;
        private final Map<String, Optional<String>> byType = new HashMap<>();

        Precheck(ClassLoader classLoader, Dependencies dependencies, Optional<TransactionSupport<?>> transactions) {
            this.classLoader = classLoader;
            this.dependencies = dependencies;
            this.transactions = transactions;
        }

        /**
         * Whether the head's facts vouch for every change unit's id, author and order, so that they need
         * not be checked one by one: the processor measured them (longest lengths, unpaired surrogates,
         * the form of each order), and the bounds are this version's.
         */
        boolean headVouches(ChangeIndex.Head head) {
            return head.wellFormed()
                    && head.ordersValid()
                    && head.longestId() > 0
                    && head.longestId() <= RecordText.MAX_ID_LENGTH
                    && head.longestAuthor() <= RecordText.MAX_ID_LENGTH;
        }

        /**
         * The pre-check of parameters from the head's distinct uses: what {@link #problemWith(List)} finds
         * about parameters, one check per distinct kind and type instead of one per member.
         */
        Optional<String> problemWithUses(ChangeIndex.Head head) {
            for (String use : head.uses()) {
                int space = use.indexOf(' ');
                String kind = use.substring(0, space);
                Optional<String> problem = problemWith(kind, use.substring(space + 1));
                if (problem.isPresent()) {
                    return Optional.of("a change unit's " + kind + ": " + problem.get());
                }
            }
            if (handleType().filter(head.rollbackUses()::contains).isPresent()) {
                return Optional.of("a transactional change unit has a rollback");
            }
            return Optional.empty();
        }

        Optional<String> problemWith(List<IndexLookup.Located> indexes) {
            Set<String> ids = new HashSet<>();
            for (IndexLookup.Located located : indexes) {
                for (ChangeIndex.Unit unit : located.index().units()) {
                    if (!ids.add(unit.id())) {
                        return Optional.of("change id '" + unit.id() + "' is used twice");
                    }
                    Optional<String> problem = RecordText.problemWithIdentifier(
                                    unit.id(), "@ChangeUnit id", RecordText.MAX_ID_LENGTH)
                            .or(() -> RecordText.problemWithIdentifier(
                                    unit.author(), "@ChangeUnit author", RecordText.MAX_ID_LENGTH))
                            .or(() -> VersionOrder.problemWith(unit.order()));
                    if (problem.isPresent() || unit.id().isBlank()) {
                        return Optional.of(unit.className() + ": " + problem.orElse("blank id"));
                    }
                }
                Set<String> withRollback = new HashSet<>();
                Set<String> transactional = new HashSet<>();
                for (ChangeIndex.Member member : located.index().members()) {
                    if (member.kind().equals("rollback")) {
                        withRollback.add(member.className());
                    }
                    for (String type : member.parameterTypes()) {
                        Optional<String> problem = problemWith(member.kind(), type);
                        if (problem.isPresent()) {
                            return Optional.of(member.className() + " " + member.kind() + ": " + problem.get());
                        }
                        if (handleType().filter(type::equals).isPresent()) {
                            transactional.add(member.className());
                        }
                    }
                }
                if (transactional.stream().anyMatch(withRollback::contains)) {
                    return Optional.of("a transactional change unit has a rollback");
                }
            }
            return Optional.empty();
        }

        private Optional<String> handleType() {
            return transactions.map(t -> t.handleType().getName());
        }

        private Optional<String> problemWith(String kind, String type) {
            if (type.equals(ChangeContext.class.getName())) {
                return kind.equals("constructor") ? Optional.of("a constructor takes ChangeContext") : Optional.empty();
            }
            if (handleType().filter(type::equals).isPresent()) {
                return !kind.equals("execution")
                        ? Optional.of("only @Execution may take the transaction handle")
                        : transactions.flatMap(TransactionSupport::unavailableReason);
            }
            return byType.computeIfAbsent(type, this::dependencyProblem);
        }

        private Optional<String> dependencyProblem(String type) {
            try {
                Dependencies.Lookup lookup = dependencies.lookupRegistered(Class.forName(type, false, classLoader));
                if (lookup instanceof Dependencies.Lookup.Found
                        || (lookup instanceof Dependencies.Lookup.Missing && dependencies.hasResolver())) {
                    // A parameter left to the dependency resolver (Spring's beans, for example) is resolved from
                    // the parameter itself, qualifiers and all, which only its loaded class has: it is resolved,
                    // and a failure reported, when the classes are loaded, that is when a change must run.
                    return Optional.empty();
                }
                return Optional.of("nothing, or more than one registered dependency, supplies " + type);
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.of(type + " cannot be loaded");
            }
        }
    }
}

package io.tidemark.examples.quickstart;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStoreProvider;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The quickstart itself: starts the target database (MongoDB by default, DynamoDB with
 * {@code quickstart.backend=dynamodb}), runs that backend's change units twice (the second time as a
 * restarted instance would), and prints the run reports, the audit history and what the changes
 * produced.
 *
 * <p>The audit store is the target database, built in code, unless {@code tidemark.store} is set:
 * then Tidemark is built without {@code auditStore(...)} and creates the store named by
 * configuration itself (the target's address is the fallback for a store of the same kind), while
 * the change units still work on the target.
 */
public final class Quickstart {

    /** The customer whose orders the report shows. */
    static final String SHOWN_CUSTOMER = "c-ada";

    /**
     * What the quickstart saw.
     *
     * @param first   the first start's report
     * @param second  the restarted instance's report
     * @param history the audit chain after both
     */
    public record Outcome(RunReport first, RunReport second, List<AuditRecord> history) {}

    /**
     * How a separate process reaches the audit store while the target still runs: what the command
     * line needs.
     *
     * @param description   the store, for people (no secrets)
     * @param configuration the {@code tidemark.*} keys that open it, {@code tidemark.store} and
     *                      {@code tidemark.chain} included; values may hold secrets the user gave
     */
    public record AuditStoreAccess(String description, Map<String, String> configuration) {

        /** Keeps the order of {@code configuration} ({@code tidemark.store} first), for people reading it. */
        public AuditStoreAccess {
            configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        }
    }

    private final QuickstartSettings settings;
    private final List<ConfigSource> configuration;
    private final PrintStream out;

    /**
     * @param settings      what to start and which store to use
     * @param configuration where Tidemark's configuration comes from, first source wins
     * @param out           where to print
     */
    public Quickstart(QuickstartSettings settings, List<ConfigSource> configuration, PrintStream out) {
        this.settings = settings;
        this.configuration = List.copyOf(configuration);
        this.out = out;
    }

    /** Runs the quickstart and stops what it started; see the class description. */
    public Outcome run() {
        return run(access -> {});
    }

    /**
     * Runs the quickstart, then hands {@code whileRunning} the way to the audit store while the target
     * still runs (for {@code quickstart.serve}), then stops what it started.
     */
    public Outcome run(Consumer<AuditStoreAccess> whileRunning) {
        try (Target target = Target.start(settings)) {
            out.println("Tidemark quickstart");
            out.println("  change units work on : " + target.description());
            unusedAddressNote();

            RunReport first = start(target, "Start #1");
            if (first.nothingToDo()) {
                out.println("Nothing applied: the audit log already records every change unit as applied"
                        + target.dataLocation()
                                .filter(data -> auditLogOnTarget(target))
                                .map(data -> " (the quickstart keeps its data in " + data
                                        + "; delete it, or run mvn clean, to start from scratch)")
                                .orElse("")
                        + ".");
            }
            RunReport second = start(target, "Start #2, as a restarted instance would");
            if (second.nothingToDo()) {
                out.println("Nothing applied: every change unit is already recorded as applied in the audit log.");
            }

            List<AuditRecord> history;
            AuditStoreAccess access;
            try (Tidemark tidemark = builder(target).build()) {
                out.println();
                out.println("== Audit history of chain '" + tidemark.chain() + "' ==");
                try (Stream<AuditRecord> records = tidemark.operator().history()) {
                    history = records.toList();
                }
                AuditHistoryTable.print(history, out);
                VerificationResult verification = tidemark.operator().verify();
                out.println(
                        verification instanceof VerificationResult.Intact intact
                                ? "Hash chain verified: " + intact.records() + " records intact, tip hash "
                                        + intact.tipHash()
                                : "Hash chain BROKEN: " + verification);
                access = new AuditStoreAccess(
                        tidemark.store().describe(), accessConfiguration(target, tidemark.chain()));
            }
            printOrders(target);
            whileRunning.accept(access);
            return new Outcome(first, second, history);
        }
    }

    private RunReport start(Target target, String title) {
        try (Tidemark tidemark = builder(target).build()) {
            out.println();
            out.println("== " + title + " ==");
            out.println("audit store "
                    + settings.store()
                            .map(name -> "(from configuration, tidemark.store=" + name + ")")
                            .orElse("(built in code)")
                    + ": " + tidemark.store().describe());
            RunReport report = tidemark.run();
            out.println(report.summary());
            return report;
        }
    }

    /**
     * A Tidemark over the target's change units, with the target's client as a dependency. The store
     * is built here on the same database, or, when {@code tidemark.store} is set, left to
     * configuration: {@code auditStore(...)} is then not called at all.
     */
    private TidemarkBuilder builder(Target target) {
        TidemarkBuilder builder = target.withDependencies(Tidemark.builder().scanPackage(target.changesPackage()));
        if (settings.store().isPresent()) {
            return builder.configuration(withTargetAsFallback(target));
        }
        TidemarkConfig config = configuration();
        return builder.configuration(config).auditStore(target.auditStoreInCode(config));
    }

    private TidemarkConfig configuration() {
        return TidemarkConfig.of(configuration.toArray(ConfigSource[]::new));
    }

    /**
     * The configuration, then the store these settings name (so that the choice holds with several
     * adapters on the class path), then the target's address for a store of the target's kind: so
     * that {@code tidemark.store=mongodb} alone finds the MongoDB the quickstart started.
     */
    private TidemarkConfig withTargetAsFallback(Target target) {
        Map<String, String> fallback = new HashMap<>();
        settings.store().ifPresent(name -> fallback.put(QuickstartSettings.STORE_KEY, name));
        if (settings.store().filter(target.storeName()::equals).isPresent()) {
            fallback.putAll(target.addressConfiguration());
        }
        List<ConfigSource> sources = new ArrayList<>(configuration);
        sources.add(ConfigSource.of("quickstart default", fallback));
        return TidemarkConfig.of(sources.toArray(ConfigSource[]::new));
    }

    /** Whether the audit log is kept by the target: built in code there, or configured for the target's kind. */
    private boolean auditLogOnTarget(Target target) {
        return settings.store().map(target.storeName()::equals).orElse(true);
    }

    /** The keys that reach the audit store used: the in-code store's equivalent, or the configured store's own keys. */
    private Map<String, String> accessConfiguration(Target target, String chain) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (settings.store().isEmpty()) {
            keys.putAll(target.inCodeStoreConfiguration(configuration()));
        } else {
            TidemarkConfig config = withTargetAsFallback(target);
            keys.put(QuickstartSettings.STORE_KEY, settings.store().get());
            for (AuditStoreProvider provider :
                    ServiceLoader.load(AuditStoreProvider.class, Quickstart.class.getClassLoader())) {
                if (provider.name().equals(settings.store().get())) {
                    provider.keys().stream()
                            .sorted()
                            .forEach(key -> config.get(key).ifPresent(value -> keys.put(key, value)));
                }
            }
        }
        keys.put("tidemark.chain", chain);
        return keys;
    }

    /** Says so when a {@code tidemark.*} address is given that this run does not use, instead of ignoring it silently. */
    private void unusedAddressNote() {
        boolean mongoBackend = settings.backend() == QuickstartSettings.Backend.MONGODB;
        String unusedKey = mongoBackend ? QuickstartSettings.DYNAMODB_ENDPOINT_KEY : QuickstartSettings.MONGODB_URI_KEY;
        String otherStore = mongoBackend ? "dynamodb" : "mongodb";
        if (configuration().get(unusedKey).isPresent()
                && settings.store().filter(otherStore::equals).isEmpty()) {
            out.println("  note                 : " + unusedKey + " is set but not used: the change units work on "
                    + (mongoBackend ? "MongoDB" : "DynamoDB") + ". Add -D" + QuickstartSettings.BACKEND_KEY + "="
                    + otherStore + " to run them there, or -Dtidemark.store=" + otherStore
                    + " to keep only the audit log there.");
        }
    }

    private void printOrders(Target target) {
        out.println();
        out.println("== What the change units produced ==");
        out.println("Orders of customer " + SHOWN_CUSTOMER + ", by the time they were placed (index 'byCustomer'):");
        for (Order order : target.ordersOf(SHOWN_CUSTOMER)) {
            out.println(order.line());
        }
    }
}

package io.tidemark.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tidemark.core.RunReport;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.LockLostException;
import io.tidemark.core.error.LockTimeoutException;
import io.tidemark.core.error.PendingChangesException;
import io.tidemark.core.error.RunInterruptedException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.event.ChangeApplied;
import io.tidemark.core.event.ChangeFailed;
import io.tidemark.core.event.ChangeRollbackFailed;
import io.tidemark.core.event.ChangeRolledBack;
import io.tidemark.core.event.ChangeStarted;
import io.tidemark.core.event.LockAcquired;
import io.tidemark.core.event.LockWaiting;
import io.tidemark.core.event.RunFailed;
import io.tidemark.core.event.RunFinished;
import io.tidemark.core.event.RunStarted;
import io.tidemark.core.event.TidemarkEvent;
import io.tidemark.core.event.TidemarkListener;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records Tidemark's runs in Micrometer: meters for dashboards and alerts, and an {@link Observation}
 * per run and per change, which a tracing bridge turns into spans (a change's span is the child of its
 * run's, and whatever the change unit itself observes, its database calls for example, nests in the
 * change's). Register it with {@link io.tidemark.core.TidemarkBuilder#listener}:
 *
 * <pre>{@code
 * Tidemark.builder()
 *         .listener(MicrometerTidemarkListener.builder(meterRegistry)
 *                 .observationRegistry(observationRegistry)   // optional: no observations without it
 *                 .build())
 *         ...
 * }</pre>
 *
 * <p><b>Meters</b> (every one tagged {@value #TAG_CHAIN} and {@value #TAG_STORE}, the store's
 * {@linkplain io.tidemark.spi.AuditStore#kind() kind}):
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>name</th><th>type</th><th>more tags</th><th>recorded</th></tr>
 *   <tr><td>{@value #RUNS}</td><td>counter</td><td>{@value #TAG_OUTCOME}</td><td>once per run when it ends;
 *       outcome {@code applied}, {@code nothing_to_do}, or, for a run that threw, {@code change_failed},
 *       {@code issues_pending}, {@code lock_timeout}, {@code lock_lost}, {@code store_unavailable},
 *       {@code interrupted}, {@code configuration}, {@code changes_pending} (a validate-only run found
 *       changes to run or issues), {@code error} (anything else)</td></tr>
 *   <tr><td>{@value #CHANGES}</td><td>counter</td><td>{@value #TAG_OUTCOME} (and {@value #TAG_CHANGE_ID}
 *       when opted in)</td><td>once per change a run ran; outcome {@code applied}, {@code failed} (no
 *       rollback), {@code rolled_back}, {@code rollback_failed}, or {@code incomplete} (the run ended before
 *       the change's outcome was recorded: store unavailable, lease lost)</td></tr>
 *   <tr><td>{@value #CHANGE_DURATION}</td><td>timer</td><td>{@value #TAG_OUTCOME} (and {@value #TAG_CHANGE_ID}
 *       when opted in)</td><td>the change's own time, as its audit record holds it (its rollback not
 *       included), for every outcome but {@code incomplete}</td></tr>
 *   <tr><td>{@value #LOCK_WAIT}</td><td>timer</td><td></td><td>once per lock acquisition: how long the run
 *       waited for the chain's lock (zero when it was free); a run with nothing to do takes no lock, a run
 *       that timed out is counted in {@value #RUNS} as {@code lock_timeout}</td></tr>
 *   <tr><td>{@value #LOCK_ACQUIRED}</td><td>counter</td><td></td><td>once per lock acquisition</td></tr>
 *   <tr><td>{@value #ISSUES}</td><td>gauge</td><td></td><td>changes that need an operator's decision, as the
 *       last run of that chain on that store left them: 0 after a run that finished, the run's count after
 *       one that failed (issues found, changes it left failed without rollback or with a failed rollback);
 *       unchanged by a run that never held the lock, except a validate-only run that read its plan, which
 *       sets the plan's count. Registered with the first run that knows the count.
 *       Alert on {@code > 0}.</td></tr>
 * </table>
 *
 * <p><b>Observations</b> (only with an {@link ObservationRegistry}): {@value #RUN_OBSERVATION}
 * (contextual name {@code tidemark run}) from {@code RunStarted} to {@code RunFinished} or
 * {@code RunFailed}, and {@value #CHANGE_OBSERVATION} ({@code tidemark change}), its child, from
 * {@code ChangeStarted} to the change's outcome (its rollback included). Both have the low-cardinality
 * keys {@value #TAG_CHAIN}, {@value #TAG_STORE} and {@value #TAG_OUTCOME} (values as for the counters
 * above), the high-cardinality key {@value #KEY_EXECUTION_ID}, and the change's id under
 * {@value #TAG_CHANGE_ID}: high-cardinality (on spans, not on meters) unless opted in. A failed run or
 * change carries its error. The run observation gets the events {@code tidemark.lock.waiting} (when a
 * wait starts) and {@code tidemark.lock.acquired}. Each observation's scope is open on the run's thread
 * while it lasts.
 *
 * <p><b>Bounded tags.</b> Chain names and store kinds are few and fixed per application. A change id
 * is not: every change ever written would become a time series. {@link Builder#changeIdTag(boolean)}
 * opts in to it on {@value #CHANGES} and {@value #CHANGE_DURATION} (and as a low-cardinality key of
 * {@value #CHANGE_OBSERVATION}) for those who want per-change series and accept the cost.
 *
 * <p>Thread-safe: one listener may serve several Tidemark instances running at once, and several
 * listeners may record into one registry (they then share its {@value #ISSUES} gauges). It never throws
 * into a run on purpose; if it did, Tidemark would log it and carry on.
 */
public final class MicrometerTidemarkListener implements TidemarkListener {

    /** Counter of runs by outcome. */
    public static final String RUNS = "tidemark.runs";
    /** Counter of changes run, by outcome. */
    public static final String CHANGES = "tidemark.changes";
    /** Timer of the time changes took, by outcome. */
    public static final String CHANGE_DURATION = "tidemark.change.duration";
    /** Timer of the time runs waited for the lock. */
    public static final String LOCK_WAIT = "tidemark.lock.wait";
    /** Counter of lock acquisitions. */
    public static final String LOCK_ACQUIRED = "tidemark.lock.acquired";
    /** Gauge of changes needing an operator's decision after the last run. */
    public static final String ISSUES = "tidemark.issues";
    /** Observation of a run. */
    public static final String RUN_OBSERVATION = "tidemark.run";
    /** Observation of one change, a child of its run's. */
    public static final String CHANGE_OBSERVATION = "tidemark.change";

    /** Tag: the audit chain. */
    public static final String TAG_CHAIN = "chain";
    /** Tag: the store's kind ({@code dynamodb}, {@code mongodb}, {@code couchbase}, {@code memory}, ...). */
    public static final String TAG_STORE = "store";
    /** Tag: how a run or a change ended. */
    public static final String TAG_OUTCOME = "outcome";
    /** Tag (opt-in on meters) or high-cardinality key: the change id. */
    public static final String TAG_CHANGE_ID = "change.id";
    /** High-cardinality key of observations: the run's execution id. */
    public static final String KEY_EXECUTION_ID = "execution.id";

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final boolean changeIdTag;
    /**
     * The values behind the {@value #ISSUES} gauges, per registry, then per chain and store. A gauge is
     * registered once per registry and tags, and reads the object it was registered with for ever after;
     * so every listener recording into one registry must set the same object, or a second listener's
     * runs would never show. Weak keys: a registry that is gone takes its values with it.
     */
    private static final Map<MeterRegistry, Map<List<String>, AtomicInteger>> ISSUE_COUNTS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    private MicrometerTidemarkListener(Builder builder) {
        this.meters = builder.meters;
        this.observations = builder.observations;
        this.changeIdTag = builder.changeIdTag;
    }

    /**
     * Starts configuring a listener recording into {@code meterRegistry}.
     *
     * @param meterRegistry where the meters go
     * @return a builder
     */
    public static Builder builder(MeterRegistry meterRegistry) {
        return new Builder(meterRegistry);
    }

    @Override
    public void onEvent(TidemarkEvent event) {
        if (event instanceof RunStarted started) {
            runStarted(started);
            return;
        }
        Run run = runs.get(event.executionId());
        if (run == null) {
            return;
        }
        if (event instanceof LockWaiting waiting) {
            if (waiting.waited().isZero()) {
                run.observation.event(Observation.Event.of("tidemark.lock.waiting", "waiting for the chain's lock"));
            }
        } else if (event instanceof LockAcquired acquired) {
            Counter.builder(LOCK_ACQUIRED)
                    .description("Times a run took its chain's lock")
                    .tags(run.tags)
                    .register(meters)
                    .increment();
            Timer.builder(LOCK_WAIT)
                    .description("How long runs waited for their chain's lock")
                    .tags(run.tags)
                    .register(meters)
                    .record(acquired.waited());
            run.observation.event(Observation.Event.of("tidemark.lock.acquired", "took the chain's lock"));
        } else if (event instanceof ChangeStarted started) {
            run.change = new OpenChange(
                    started.changeId(), changeObservation(run, started).start());
            run.change.scope = run.change.observation.openScope();
        } else if (event instanceof ChangeApplied applied) {
            endChange(run, "applied", applied.duration(), null);
        } else if (event instanceof ChangeFailed failed) {
            if (failed.rollingBack() && run.change != null) {
                run.change.failure = failed.error();
                run.change.failedAfter = failed.duration();
            } else {
                endChange(run, "failed", failed.duration(), failed.error());
            }
        } else if (event instanceof ChangeRolledBack) {
            endFailedChange(run, "rolled_back");
        } else if (event instanceof ChangeRollbackFailed) {
            endFailedChange(run, "rollback_failed");
        } else if (event instanceof RunFinished finished) {
            runs.remove(event.executionId());
            endRun(run, outcome(finished.report()), null);
            issues(run).set(0);
        } else if (event instanceof RunFailed failed) {
            runs.remove(event.executionId());
            endChange(run, "incomplete", null, failed.exception());
            endRun(run, outcome(failed.exception()), failed.exception());
            failed.pendingIssues().ifPresent(count -> issues(run).set(count));
        }
    }

    private void runStarted(RunStarted started) {
        Observation observation = Observation.createNotStarted(RUN_OBSERVATION, observations)
                .contextualName("tidemark run")
                .lowCardinalityKeyValue(TAG_CHAIN, started.chain())
                .lowCardinalityKeyValue(TAG_STORE, started.store())
                .highCardinalityKeyValue(KEY_EXECUTION_ID, started.executionId())
                .start();
        Run run = new Run(started.chain(), started.store(), observation);
        run.scope = observation.openScope();
        runs.put(started.executionId(), run);
    }

    private Observation changeObservation(Run run, ChangeStarted started) {
        Observation observation = Observation.createNotStarted(CHANGE_OBSERVATION, observations)
                .contextualName("tidemark change")
                .parentObservation(run.observation)
                .lowCardinalityKeyValue(TAG_CHAIN, run.chain)
                .lowCardinalityKeyValue(TAG_STORE, run.store)
                .highCardinalityKeyValue(KEY_EXECUTION_ID, started.executionId());
        return changeIdTag
                ? observation.lowCardinalityKeyValue(TAG_CHANGE_ID, started.changeId())
                : observation.highCardinalityKeyValue(TAG_CHANGE_ID, started.changeId());
    }

    /** The rollback of a failed change ended: the change ends with the failure remembered from {@code ChangeFailed}. */
    private void endFailedChange(Run run, String outcome) {
        if (run.change != null && run.change.failure != null) {
            endChange(run, outcome, run.change.failedAfter, run.change.failure);
        }
    }

    /** Counts the open change with {@code outcome}, times it unless {@code took} is null, and stops its observation. */
    private void endChange(Run run, String outcome, Duration took, Throwable error) {
        OpenChange change = run.change;
        if (change == null) {
            return;
        }
        run.change = null;
        Tags tags = run.tags.and(TAG_OUTCOME, outcome);
        if (changeIdTag) {
            tags = tags.and(TAG_CHANGE_ID, change.id);
        }
        Counter.builder(CHANGES)
                .description("Changes runs ran, by outcome")
                .tags(tags)
                .register(meters)
                .increment();
        if (took != null) {
            Timer.builder(CHANGE_DURATION)
                    .description("How long changes took (their rollback not included)")
                    .tags(tags)
                    .register(meters)
                    .record(took);
        }
        change.scope.close();
        if (error != null) {
            change.observation.error(error);
        }
        change.observation.lowCardinalityKeyValue(TAG_OUTCOME, outcome).stop();
    }

    private void endRun(Run run, String outcome, Throwable error) {
        Counter.builder(RUNS)
                .description("Tidemark runs, by outcome")
                .tags(run.tags.and(TAG_OUTCOME, outcome))
                .register(meters)
                .increment();
        run.scope.close();
        if (error != null) {
            run.observation.error(error);
        }
        run.observation.lowCardinalityKeyValue(TAG_OUTCOME, outcome).stop();
    }

    /**
     * The gauge's value holder for the run's chain and store, with the gauge registered on it. The
     * registration is repeated on every call: it returns the existing gauge when there is one (a map
     * look-up), and brings the gauge back, on the same value holder, after the registry lost it
     * ({@code clear()}, {@code remove(meter)}); registering only the first time left the gauge gone
     * for good.
     */
    private AtomicInteger issues(Run run) {
        Map<List<String>, AtomicInteger> counts =
                ISSUE_COUNTS.computeIfAbsent(meters, registry -> new ConcurrentHashMap<>());
        AtomicInteger value = counts.computeIfAbsent(List.of(run.chain, run.store), key -> new AtomicInteger());
        Gauge.builder(ISSUES, value, AtomicInteger::get)
                .description("Changes needing an operator's decision after the last run")
                .tags(run.tags)
                .strongReference(true)
                .register(meters);
        return value;
    }

    private static String outcome(RunReport report) {
        return report.applied().isEmpty() ? "nothing_to_do" : "applied";
    }

    private static String outcome(Throwable exception) {
        if (exception instanceof ChangeFailedException) {
            return "change_failed";
        } else if (exception instanceof IssuesPendingException) {
            return "issues_pending";
        } else if (exception instanceof LockTimeoutException) {
            return "lock_timeout";
        } else if (exception instanceof LockLostException) {
            return "lock_lost";
        } else if (exception instanceof StoreUnavailableException) {
            return "store_unavailable";
        } else if (exception instanceof RunInterruptedException) {
            return "interrupted";
        } else if (exception instanceof ConfigurationException) {
            return "configuration";
        } else if (exception instanceof PendingChangesException) {
            return "changes_pending";
        }
        return "error";
    }

    /** What one run in progress has open; used on the run's thread only. */
    private static final class Run {
        final String chain;
        final String store;
        final Tags tags;
        final Observation observation;
        Observation.Scope scope;
        OpenChange change;

        Run(String chain, String store, Observation observation) {
            this.chain = chain;
            this.store = store;
            this.tags = Tags.of(TAG_CHAIN, chain, TAG_STORE, store);
            this.observation = observation;
        }
    }

    /** The change a run is running; its failure is kept while its rollback runs. */
    private static final class OpenChange {
        final String id;
        final Observation observation;
        Observation.Scope scope;
        Throwable failure;
        Duration failedAfter;

        OpenChange(String id, Observation observation) {
            this.id = id;
            this.observation = observation;
        }
    }

    /** Configures a {@link MicrometerTidemarkListener}. */
    public static final class Builder {

        private final MeterRegistry meters;
        private ObservationRegistry observations = ObservationRegistry.NOOP;
        private boolean changeIdTag;

        private Builder(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meterRegistry");
        }

        /**
         * Where the run and change observations go (default: none, {@link ObservationRegistry#NOOP}).
         *
         * @param value the registry, for example the application's, bridged to a tracer
         * @return this builder
         */
        public Builder observationRegistry(ObservationRegistry value) {
            this.observations = Objects.requireNonNull(value, "observationRegistry");
            return this;
        }

        /**
         * Whether to tag {@value MicrometerTidemarkListener#CHANGES} and
         * {@value MicrometerTidemarkListener#CHANGE_DURATION} with each change's id (and make it a low-cardinality
         * key of {@value MicrometerTidemarkListener#CHANGE_OBSERVATION}). Off by default: change ids are unbounded, and
         * each becomes a time series of its own in every metrics backend.
         *
         * @param value true to add the change id
         * @return this builder
         */
        public Builder changeIdTag(boolean value) {
            this.changeIdTag = value;
            return this;
        }

        /**
         * The listener.
         *
         * @return a listener to register with {@link io.tidemark.core.TidemarkBuilder#listener}
         */
        public MicrometerTidemarkListener build() {
            return new MicrometerTidemarkListener(this);
        }
    }
}

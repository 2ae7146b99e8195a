package io.tidemark.test;

import io.tidemark.core.ChangeUnitInfo;
import io.tidemark.core.Rehearsal;
import io.tidemark.core.RunReport;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.TidemarkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Proves a change set against your own test data before it ships: every change applies, every
 * rollback undoes its change, and a second run applies nothing. Give it the builder your application
 * uses (change units and dependencies, pointing at a test database) and, to compare data, a
 * {@link StateProbe}:
 *
 * <pre>{@code
 * ChangeSetRehearsal.of(Tidemark.builder()
 *                 .scanPackage("com.example.changes")
 *                 .dependency(MongoDatabase.class, testDatabase))
 *         .observing(() -> snapshotOf(testDatabase))
 *         .assertPasses();
 * }</pre>
 *
 * <p>The data must start as it is before the first change. Then, change by change in run order:
 * <ol>
 *   <li>take a snapshot, apply the change, take a snapshot;</li>
 *   <li>if it has a {@code @RollbackExecution}: roll it back and check that the data equals the snapshot
 *       from before it was applied (a rollback that leaves a document behind, or removes one the change
 *       did not add, is caught here); apply it again and check that the data equals the snapshot from
 *       its first application.</li>
 * </ol>
 * Then the change set runs a second time, as every later start of the application runs it: it must
 * apply nothing and leave the data as it is. A change or rollback that throws, or a probe that throws,
 * ends the rehearsal there (what follows would run on unknown data); other findings are collected and
 * reported together.
 *
 * <p>Each step is recorded as a run records it, on a scratch chain ({@link Rehearsal}): the builder's
 * store if it has one (the {@link TidemarkTest} builder's in-memory store), else a fresh in-memory
 * one; never a store from configuration. The probe compares your data only, never the audit log.
 * Without a probe, the rehearsal still applies, rolls back and reapplies every change and checks the
 * second run, but cannot compare data.
 */
public final class ChangeSetRehearsal {

    private static final String INDENT = System.lineSeparator() + "     ";

    private final TidemarkBuilder builder;
    private Optional<StateProbe<?>> probe = Optional.empty();

    private ChangeSetRehearsal(TidemarkBuilder builder) {
        this.builder = builder;
    }

    /**
     * Starts a rehearsal of the change set {@code builder} is set up with.
     *
     * @param builder the builder your application uses: its change units and dependencies, pointing at a
     *                test database; its store, if it has one, holds the scratch chain
     * @return a rehearsal without a probe; nothing runs until {@link #run()} or {@link #assertPasses()}
     */
    public static ChangeSetRehearsal of(TidemarkBuilder builder) {
        return new ChangeSetRehearsal(Objects.requireNonNull(builder, "builder"));
    }

    /**
     * Makes the rehearsal compare the snapshots {@code stateProbe} takes of your data (see
     * {@link StateProbe}).
     *
     * @param stateProbe takes a snapshot of the data your change units change; replaces an earlier one
     * @return this rehearsal, for chaining
     */
    public ChangeSetRehearsal observing(StateProbe<?> stateProbe) {
        this.probe = Optional.of(Objects.requireNonNull(stateProbe, "stateProbe"));
        return this;
    }

    /**
     * Runs the rehearsal and fails the test, listing every finding and the steps taken, unless it
     * found nothing.
     *
     * @return the report, for further checks
     * @throws io.tidemark.core.error.ConfigurationException when the change units are invalid, as
     *     {@code build()} would
     */
    public RehearsalReport assertPasses() {
        RehearsalReport report = run();
        if (!report.passed()) {
            throw Failures.failure(report.describe());
        }
        return report;
    }

    /**
     * Runs the rehearsal and returns what it found, without failing.
     *
     * @return the report: every step taken and every finding; {@link RehearsalReport#passed()} tells
     *     whether it found nothing
     * @throws io.tidemark.core.error.ConfigurationException when the change units are invalid, as
     *     {@code build()} would
     */
    public RehearsalReport run() {
        Rehearsal rehearsal = builder.buildRehearsal();
        List<ChangeUnitInfo> changes = rehearsal.changeUnits();
        Walk walk = new Walk(rehearsal);
        walk.run(changes);
        return new RehearsalReport(changes.size(), walk.steps, walk.findings);
    }

    /** One pass through the change set, collecting steps and findings. */
    private final class Walk {
        private final Rehearsal rehearsal;
        private final List<String> steps = new ArrayList<>();
        private final List<RehearsalFinding> findings = new ArrayList<>();

        Walk(Rehearsal rehearsal) {
            this.rehearsal = rehearsal;
        }

        void run(List<ChangeUnitInfo> changes) {
            Optional<Snapshot> current = capture("", "before the first change");
            if (current.isEmpty()) {
                return;
            }
            for (ChangeUnitInfo change : changes) {
                current = rehearse(change.id(), current.get());
                if (current.isEmpty()) {
                    return;
                }
            }
            secondRun(current.get());
        }

        /** Apply, and for a change with a rollback: roll back, apply again. Empty when the rehearsal must stop. */
        private Optional<Snapshot> rehearse(String id, Snapshot before) {
            if (!apply(id, "apply " + id, "applying it failed")) {
                return Optional.empty();
            }
            Optional<Snapshot> applied = capture(id, "after it was applied");
            if (applied.isEmpty() || !rehearsal.hasRollback(id)) {
                return applied;
            }
            try {
                steps.add("roll back " + id + ": " + rehearsal.rollBack(id).outcome());
            } catch (ChangeFailedException e) {
                steps.add("roll back " + id + ": ROLLBACK_FAILED");
                findings.add(new RehearsalFinding(
                        id, RehearsalFinding.Kind.ROLLBACK_FAILED, "its rollback failed: " + describe(e.getCause())));
                return Optional.empty();
            }
            Optional<Snapshot> rolledBack = capture(id, "after its rollback");
            if (rolledBack.isEmpty()) {
                return Optional.empty();
            }
            compare(
                    before,
                    rolledBack.get(),
                    id,
                    RehearsalFinding.Kind.ROLLBACK_INCOMPLETE,
                    "its rollback did not restore the data seen before it was applied:",
                    "before it was applied",
                    "after its rollback");
            if (!apply(id, "apply " + id + " again", "applying it again after its rollback failed")) {
                return Optional.empty();
            }
            Optional<Snapshot> reapplied = capture(id, "after it was applied again");
            reapplied.ifPresent(snapshot -> compare(
                    applied.get(),
                    snapshot,
                    id,
                    RehearsalFinding.Kind.REAPPLY_DIFFERS,
                    "applied again after its rollback, it left the data different from its first application:",
                    "after its first application",
                    "after it was applied again"));
            return reapplied;
        }

        private boolean apply(String id, String step, String failure) {
            try {
                steps.add(step + ": " + rehearsal.apply(id).outcome());
                return true;
            } catch (ChangeFailedException e) {
                steps.add(step + ": " + e.report().changes().get(0).outcome());
                findings.add(new RehearsalFinding(
                        id, RehearsalFinding.Kind.APPLY_FAILED, failure + ": " + describe(e.getCause())));
                return false;
            }
        }

        private void secondRun(Snapshot before) {
            RunReport report;
            try {
                report = rehearsal.run();
            } catch (TidemarkException e) {
                steps.add("second run: stopped");
                findings.add(new RehearsalFinding(
                        "",
                        RehearsalFinding.Kind.SECOND_RUN_NOT_IDLE,
                        "the second run of the change set stopped with " + describe(e)));
                return;
            }
            steps.add("second run: "
                    + (report.applied().isEmpty()
                            ? "nothing applied"
                            : "applied " + RunReportAssert.ids(report.applied())));
            if (!report.applied().isEmpty()) {
                findings.add(new RehearsalFinding(
                        "",
                        RehearsalFinding.Kind.SECOND_RUN_NOT_IDLE,
                        "the second run of the change set applied " + RunReportAssert.ids(report.applied())
                                + "; it must apply nothing"));
            }
            capture("", "after the second run")
                    .ifPresent(after -> compare(
                            before,
                            after,
                            "",
                            RehearsalFinding.Kind.SECOND_RUN_CHANGED_STATE,
                            "the second run of the change set, which applied nothing, changed the data:",
                            "before the second run",
                            "after the second run"));
        }

        private void compare(
                Snapshot expected,
                Snapshot actual,
                String id,
                RehearsalFinding.Kind kind,
                String what,
                String expectedLabel,
                String actualLabel) {
            if (expected.observed() && !Objects.equals(expected.value(), actual.value())) {
                findings.add(new RehearsalFinding(
                        id,
                        kind,
                        what
                                + INDENT
                                + String.join(
                                        INDENT,
                                        StateDifference.describe(
                                                expected.value(), actual.value(), expectedLabel, actualLabel))));
            }
        }

        /** A snapshot, or nothing observed without a probe; empty when the probe threw. */
        private Optional<Snapshot> capture(String id, String when) {
            if (probe.isEmpty()) {
                return Optional.of(new Snapshot(false, null));
            }
            try {
                return Optional.of(new Snapshot(true, probe.get().capture()));
            } catch (RuntimeException e) {
                findings.add(new RehearsalFinding(
                        id, RehearsalFinding.Kind.PROBE_FAILED, "the state probe failed " + when + ": " + describe(e)));
                return Optional.empty();
            }
        }
    }

    /** What the probe returned; {@code observed} is false when there is no probe. */
    private record Snapshot(boolean observed, Object value) {}

    private static String describe(Throwable error) {
        return error == null ? "(no error)" : error.getClass().getName() + ": " + error.getMessage();
    }
}

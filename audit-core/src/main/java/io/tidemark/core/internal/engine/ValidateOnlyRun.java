package io.tidemark.core.internal.engine;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.Plan;
import io.tidemark.core.RunReport;
import io.tidemark.core.error.PendingChangesException;
import io.tidemark.core.error.RunInterruptedException;
import io.tidemark.core.internal.loading.ChangeSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validate-only start: reads the {@link Plan} as the first step of a run does ({@link Planner}),
 * and applies nothing. An up-to-date chain gives the report of a run with nothing to do; anything
 * pending (changes to run, issues) throws {@link PendingChangesException}. Never takes the lock,
 * initialises the store or writes; on a chain ending with a checkpoint of this change set it costs one
 * read.
 */
public final class ValidateOnlyRun {

    private static final Logger log = LoggerFactory.getLogger(ValidateOnlyRun.class);

    private final ChainSettings settings;
    private final ChangeSet changes;

    /** A validate-only start of {@code changes} on the chain {@code settings} name. */
    public ValidateOnlyRun(ChainSettings settings, ChangeSet changes) {
        this.settings = settings;
        this.changes = changes;
    }

    /**
     * Validates; see the class description.
     *
     * @throws PendingChangesException naming every pending change and issue
     * @throws RunInterruptedException when the calling thread is already interrupted (nothing read)
     */
    public RunReport run() {
        if (Thread.currentThread().isInterrupted()) {
            throw new RunInterruptedException("Tidemark did not validate chain '" + settings.chain() + "': the thread "
                    + "calling run() was already interrupted. Nothing was read or written; the interrupt flag is left "
                    + "set. Clear it (or find who interrupted the thread) and run again.");
        }
        String executionId = UUID.randomUUID().toString();
        Instant startedAt = settings.clock().instant();
        Plan plan = new Planner(settings.chain(), changes).read(settings.store().history());
        if (!plan.upToDate()) {
            throw new PendingChangesException(plan);
        }
        List<ChangeResult> results = plan.changes().stream()
                .map(c -> new ChangeResult(c.changeId(), c.order(), ChangeOutcome.ALREADY_APPLIED, Duration.ZERO, ""))
                .toList();
        RunReport report = new RunReport(
                settings.chain(),
                executionId,
                results,
                plan.tipSeq(),
                startedAt,
                Duration.between(startedAt, settings.clock().instant()),
                false);
        log.info(
                "Tidemark (validate only): all {} changes already applied on chain '{}' ({} ms)",
                results.size(),
                settings.chain(),
                report.duration().toMillis());
        return report;
    }
}

package io.tidemark.core.internal.engine;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.error.TransactionRejectedException;
import io.tidemark.core.event.MdcKeys;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.TransactionSupport;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one change, with its records: {@code STARTED}, the invocation, then {@code APPLIED}
 * or {@code FAILED} followed by the rollback and its record.
 *
 * <p>A transactional change runs inside a transaction the engine begins, commits and aborts
 * ({@link TransactionSupport}): begin; invoke the change with the transaction's handle; seal the
 * {@code APPLIED} record through the {@link ChainWriter} (which checks the lease); commit it with the
 * change's writes; accept the store's answer through the writer. Anything thrown before the commit
 * aborts the transaction.
 */
final class ChangeAttempt {

    private static final Logger log = LoggerFactory.getLogger(ChangeAttempt.class);

    private final ChangeDefinition change;
    private final ChainWriter writer;
    private final RecordDrafts drafts;
    private final ChainSettings settings;
    private final Events events;
    private final String executionId;
    private final Map<String, String> flags;
    private Object instance;

    ChangeAttempt(
            ChangeDefinition change, ChainWriter writer, RecordDrafts drafts, ChainSettings settings, Events events) {
        this.change = change;
        this.writer = writer;
        this.drafts = drafts;
        this.settings = settings;
        this.events = events;
        this.executionId = events.executionId();
        this.flags = change.isTransactional() ? Map.of(AuditRecord.META_TRANSACTIONAL, "true") : Map.of();
    }

    /**
     * Runs the change, the {@code position}th of the {@code total} this run sets out to run, with its
     * id in the MDC ({@link io.tidemark.core.event.MdcKeys#CHANGE_ID}) from its {@code STARTED} record
     * to its last record; logs one INFO line when it is applied.
     */
    AttemptOutcome run(boolean rerun, int position, int total) {
        LogContext logContext = LogContext.put(Map.of(MdcKeys.CHANGE_ID, change.id()));
        try {
            return attempt(rerun, position, total);
        } finally {
            logContext.restore();
        }
    }

    private AttemptOutcome attempt(boolean rerun, int position, int total) {
        writer.append(
                drafts.forChange(change, AuditState.STARTED, change.execution()).metadata(flags));
        log.debug(
                "Applying change '{}' (order {}, {} of {}{})",
                change.id(),
                change.order(),
                position,
                total,
                rerun ? ", again" : "");
        Instant start = clock().instant();
        events.changeStarted(change, position, total, rerun);
        RunningContext context =
                new RunningContext(executionId, change, settings.chain(), settings.instanceId(), start, rerun, false);
        try {
            // The duration is measured once, when the change returns, and the same value goes into the
            // APPLIED record, the log line, the event and the report: the time the record's write takes
            // is not the change's, and the event promises the duration "as recorded".
            long tookMillis;
            if (change.isTransactional()) {
                tookMillis = applyInTransaction(settings.store().transactions().orElseThrow(), context, start);
            } else {
                instance = ChangeInvoker.instantiate(change);
                ChangeInvoker.invoke(instance, change.execution(), change.executionArgs(), context, null);
                tookMillis = elapsedSince(start);
                writer.append(drafts.forChange(change, AuditState.APPLIED, change.execution())
                        .durationMillis(tookMillis)
                        .metadata(context.metadata()));
            }
            Duration took = Duration.ofMillis(tookMillis);
            log.info("Applied change '{}' ({} of {}) in {} ms", change.id(), position, total, took.toMillis());
            events.changeApplied(change, took, position, total);
            return new AttemptOutcome.Applied(result(ChangeOutcome.APPLIED, took, ""));
        } catch (ChangeBodyException e) {
            return failed(e.getCause(), context, start);
        } catch (TransactionRejectedException e) {
            return failed(e, context, start);
        }
    }

    /**
     * Begin, invoke with the handle, seal {@code APPLIED}, commit, accept; abort on anything thrown before.
     *
     * @return the change's duration in milliseconds, as sealed into its {@code APPLIED} record
     */
    private <H> long applyInTransaction(TransactionSupport<H> transactions, RunningContext context, Instant start)
            throws ChangeBodyException {
        writer.interrupts().absorb();
        TransactionSupport.Transaction<H> transaction = transactions.begin();
        try {
            try {
                instance = ChangeInvoker.instantiate(change);
                ChangeInvoker.invoke(
                        instance, change.execution(), change.executionArgs(), context, transaction.handle());
            } finally {
                writer.interrupts().absorb();
            }
            long tookMillis = elapsedSince(start);
            AuditRecord applied = writer.sealNext(drafts.forChange(change, AuditState.APPLIED, change.execution())
                    .durationMillis(tookMillis)
                    .metadata(with(context.metadata(), flags)));
            AppendResult result = transaction.commit(applied);
            writer.accept(applied, result);
            return tookMillis;
        } finally {
            transaction.abort();
        }
    }

    private AttemptOutcome failed(Throwable error, RunningContext context, Instant start) {
        long took = elapsedSince(start);
        boolean mayHaveCommitted =
                error instanceof TransactionRejectedException rejected && !rejected.nothingCommitted();
        appendFailure(
                RecordDrafts.withError(
                        drafts.forChange(change, AuditState.FAILED, change.execution())
                                .durationMillis(took)
                                .metadata(mayHaveCommitted ? context.metadata() : with(context.metadata(), flags)),
                        error),
                "Change '" + change.id() + "' failed after " + took + " ms",
                error);
        log.warn("Change '{}' failed after {} ms: {}", change.id(), took, error.toString());
        events.changeFailed(change, Duration.ofMillis(took), error);
        String detail = error.getClass().getName() + ": " + RecordDrafts.bounded(error.getMessage());
        if (change.rollback().isEmpty()) {
            return new AttemptOutcome.Failed(result(ChangeOutcome.FAILED, Duration.ofMillis(took), detail), error);
        }
        Optional<Throwable> rollbackError = invokeRollback(context.isRerun());
        if (rollbackError.isEmpty()) {
            return new AttemptOutcome.Failed(result(ChangeOutcome.ROLLED_BACK, Duration.ofMillis(took), detail), error);
        }
        error.addSuppressed(rollbackError.get());
        return new AttemptOutcome.Failed(
                result(
                        ChangeOutcome.ROLLBACK_FAILED,
                        Duration.ofMillis(took),
                        detail + "; rollback: " + rollbackError.get()),
                error);
    }

    /**
     * Runs the change's rollback on its own, with no failure before it: what a rehearsal does to an
     * applied change ({@link ChangeRehearsal}). Records {@code ROLLED_BACK}, or {@code ROLLBACK_FAILED}
     * with the rollback's error. The rollback runs on {@code appliedBy}, the instance whose execution
     * applied the change, when there is one (a run's rollback runs on the instance whose execution
     * failed, so a rollback may undo what its instance remembers), else on a new instance.
     */
    RollbackOutcome rollBackAlone(Optional<Object> appliedBy) {
        instance = appliedBy.orElse(null);
        Instant start = clock().instant();
        Optional<Throwable> rollbackError = invokeRollback(false);
        Duration took = Duration.ofMillis(elapsedSince(start));
        return new RollbackOutcome(
                rollbackError.isEmpty()
                        ? result(ChangeOutcome.ROLLED_BACK, took, "")
                        : result(ChangeOutcome.ROLLBACK_FAILED, took, "rollback: " + rollbackError.get()),
                rollbackError);
    }

    /** {@return the change-unit instance this attempt's execution ran on; empty before it was created} */
    Optional<Object> instance() {
        return Optional.ofNullable(instance);
    }

    /**
     * What {@link #rollBackAlone(Optional)} did.
     *
     * @param result the change's line, outcome {@code ROLLED_BACK} or {@code ROLLBACK_FAILED}
     * @param error  what the rollback threw, when it did
     */
    record RollbackOutcome(ChangeResult result, Optional<Throwable> error) {}

    /** Invokes the rollback and records {@code ROLLED_BACK}, or {@code ROLLBACK_FAILED}; returns what it threw. */
    private Optional<Throwable> invokeRollback(boolean rerun) {
        Method rollback = change.rollback().orElseThrow();
        Instant rollbackStart = clock().instant();
        RunningContext rollbackContext = new RunningContext(
                executionId, change, settings.chain(), settings.instanceId(), rollbackStart, rerun, true);
        try {
            Object target = instance != null ? instance : ChangeInvoker.instantiate(change);
            ChangeInvoker.invoke(target, rollback, change.rollbackArgs(), rollbackContext, null);
            long rollbackTook = elapsedSince(rollbackStart);
            writer.append(drafts.forChange(change, AuditState.ROLLED_BACK, rollback)
                    .durationMillis(rollbackTook)
                    .metadata(rollbackContext.metadata()));
            log.info("Rolled back change '{}'", change.id());
            events.changeRolledBack(change, Duration.ofMillis(rollbackTook));
            return Optional.empty();
        } catch (ChangeBodyException e) {
            Throwable rollbackError = e.getCause();
            long rollbackTook = elapsedSince(rollbackStart);
            appendFailure(
                    RecordDrafts.withError(
                            drafts.forChange(change, AuditState.ROLLBACK_FAILED, rollback)
                                    .durationMillis(rollbackTook)
                                    .metadata(rollbackContext.metadata()),
                            rollbackError),
                    "Rollback of change '" + change.id() + "' failed",
                    rollbackError);
            log.error("Rollback of change '{}' failed: {}", change.id(), rollbackError.toString());
            events.changeRollbackFailed(change, Duration.ofMillis(rollbackTook), rollbackError);
            return Optional.of(rollbackError);
        }
    }

    /**
     * Appends the record of a failure (the change's or its rollback's). When that append throws (the
     * store is unreachable, the lease was lost), the record is not written and the change stays
     * {@code STARTED}: what the change threw would then be found nowhere, though it is what an operator
     * needs to decide on the issue. So it is logged at WARN here and kept as a suppressed exception of
     * what the append threw (which {@code run()} throws), before that is thrown on.
     */
    private void appendFailure(AuditRecord.Builder draft, String what, Throwable error) {
        try {
            writer.append(draft);
        } catch (RuntimeException unrecorded) {
            unrecorded.addSuppressed(error);
            log.warn(
                    "{}: {}; this could not be recorded ({}), so change '{}' stays STARTED in the audit log",
                    what,
                    error.toString(),
                    unrecorded.toString(),
                    change.id());
            throw unrecorded;
        }
    }

    private Clock clock() {
        return settings.clock();
    }

    private long elapsedSince(Instant start) {
        return Math.max(0, Duration.between(start, clock().instant()).toMillis());
    }

    private ChangeResult result(ChangeOutcome outcome, Duration took, String detail) {
        return new ChangeResult(change.id(), change.order(), outcome, took, detail);
    }

    private static Map<String, String> with(Map<String, String> metadata, Map<String, String> extra) {
        Map<String, String> copy = new HashMap<>(metadata);
        copy.putAll(extra);
        return copy;
    }
}

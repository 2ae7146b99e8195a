package io.tidemark.core.engine;

import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.TransactionRejectedException;
import io.tidemark.core.lock.LeaseKeeper;
import io.tidemark.core.lock.LockAcquirer;
import io.tidemark.core.model.AppendResult;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import io.tidemark.core.model.ChangeOutcome;
import io.tidemark.core.model.ChangeResult;
import io.tidemark.core.model.Lease;
import io.tidemark.core.model.PendingIssue;
import io.tidemark.core.model.RunReport;
import io.tidemark.core.port.ExecutionHistory;
import io.tidemark.core.port.TransactionSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a change set against an audit chain, exactly once per change however many instances run
 * at the same time:
 *
 * <ol>
 *   <li>read the tip; a checkpoint at the tip with this change set's digest means nothing to do,
 *       without reading the history; otherwise read the history and plan;</li>
 *   <li>nothing to do: return the report without taking the lock or initialising the store, so that
 *       an idle start costs one read;</li>
 *   <li>initialise the store (once per store instance), then take the lock, waiting with backoff
 *       up to the policy's timeout;</li>
 *   <li>read what was appended since step 1 and plan again;</li>
 *   <li>for each change in order, per {@link Decision}: append {@code STARTED}, invoke it, append
 *       {@code APPLIED}; on failure append {@code FAILED}, run its rollback and append the outcome,
 *       then stop with {@link ChangeFailedException}; stop before an issue with
 *       {@link IssuesPendingException};</li>
 *   <li>write only under a valid lease, kept alive in the background;</li>
 *   <li>after applying something with every change done, append a checkpoint; release the lock.</li>
 * </ol>
 */
public final class ChangeEngine {

    private static final Logger log = LoggerFactory.getLogger(ChangeEngine.class);

    private final EngineSettings settings;

    public ChangeEngine(EngineSettings settings) {
        this.settings = settings;
    }

    /** Runs every pending change; see the class description. */
    public RunReport run() {
        Run run = new Run(UUID.randomUUID().toString(), settings.clock().instant());
        ExecutionHistory history = settings.store().history();
        Optional<AuditRecord> tip = history.tip(settings.chain());
        if (tip.isPresent() && isCurrentCheckpoint(tip.get())) {
            log.debug("Chain '{}' ends with a checkpoint of this change set", settings.chain());
            return run.nothingToDo(tip.get().seq());
        }
        ChainState state = tip.isEmpty() ? ChainState.empty(settings.chain()) : ChainState.read(history, settings.chain());
        if (allApplied(state)) {
            return run.nothingToDo(state.tipSeq());
        }
        settings.store().initialize();
        String owner = settings.instanceId() + "/" + run.executionId;
        Lease lease = new LockAcquirer(settings.store().lockService(), settings.lockPolicy(), settings.clock(),
                settings.sleeper()).acquire(settings.chain(), owner);
        try (LeaseKeeper keeper = new LeaseKeeper(settings.store().lockService(), lease, settings.lockPolicy(),
                settings.clock())) {
            state.catchUp(history);
            return run.execute(new ChainWriter(settings.store(), keeper, state));
        }
    }

    private boolean isCurrentCheckpoint(AuditRecord tip) {
        return tip.state() == AuditState.CHECKPOINT
                && settings.changes().digest().equals(tip.metadata().get(AuditRecord.META_CHANGE_SET_DIGEST));
    }

    private boolean allApplied(ChainState state) {
        return settings.changes().changes().stream()
                .allMatch(c -> Decision.of(state.latestOf(c.id()), c.recovery()) == Decision.SKIP);
    }

    /** One run: its identity, start time and record drafts. */
    private final class Run {
        private final String executionId;
        private final Instant startedAt;
        private final RecordDrafts drafts;

        Run(String executionId, Instant startedAt) {
            this.executionId = executionId;
            this.startedAt = startedAt;
            this.drafts = new RecordDrafts(executionId, settings.host(), settings.instanceId(), settings.clock());
        }

        RunReport nothingToDo(long tipSeq) {
            List<ChangeResult> results = settings.changes().changes().stream()
                    .map(c -> new ChangeResult(c.id(), c.order(), ChangeOutcome.ALREADY_APPLIED, Duration.ZERO, ""))
                    .toList();
            RunReport report = report(results, tipSeq, false);
            log.info("Tidemark: all {} changes already applied on chain '{}' ({} ms)", results.size(),
                    settings.chain(), report.duration().toMillis());
            return report;
        }

        RunReport execute(ChainWriter writer) {
            List<ChangeResult> results = new ArrayList<>();
            List<PendingIssue> issues = new ArrayList<>();
            Attempt failure = null;
            for (ChangeDefinition change : settings.changes().changes()) {
                Optional<AuditRecord> latest = writer.state().latestOf(change.id());
                Decision decision = Decision.of(latest, change.recovery());
                if (decision == Decision.SKIP) {
                    results.add(result(change, ChangeOutcome.ALREADY_APPLIED, Duration.ZERO, ""));
                } else if (decision == Decision.ISSUE) {
                    PendingIssue issue = new PendingIssue(change.id(), latest.orElseThrow());
                    issues.add(issue);
                    results.add(result(change, ChangeOutcome.ISSUE, Duration.ZERO, issue.describe()));
                } else if (failure != null || !issues.isEmpty()) {
                    results.add(result(change, ChangeOutcome.NOT_REACHED, Duration.ZERO, "the run stopped earlier"));
                } else {
                    Attempt attempt = attempt(change, latest.isPresent(), writer);
                    results.add(attempt.result());
                    if (attempt.error() != null) {
                        failure = attempt;
                    }
                }
            }
            if (issues.isEmpty() && failure == null && results.stream().anyMatch(r -> r.outcome() == ChangeOutcome.APPLIED)) {
                writer.append(drafts.checkpoint(settings.changes()));
            }
            RunReport report = report(results, writer.state().tipSeq(), true);
            if (!issues.isEmpty()) {
                throw new IssuesPendingException(issues, report);
            }
            if (failure != null) {
                ChangeResult failed = failure.result();
                throw new ChangeFailedException(failed.changeId(), "Change '" + failed.changeId() + "' failed ("
                        + failed.outcome() + "): " + failed.detail() + ". See the audit log at seq "
                        + writer.state().tipSeq() + " of chain '" + settings.chain() + "'.", failure.error(), report);
            }
            log.info("{}", report.summary());
            return report;
        }

        private Attempt attempt(ChangeDefinition change, boolean rerun, ChainWriter writer) {
            Map<String, String> flags = change.isTransactional()
                    ? Map.of(AuditRecord.META_TRANSACTIONAL, "true") : Map.of();
            writer.append(drafts.forChange(change, AuditState.STARTED, change.execution()).metadata(flags));
            log.info("Applying change '{}' (order {}{})", change.id(), change.order(), rerun ? ", again" : "");
            Instant start = settings.clock().instant();
            RunningContext context = new RunningContext(executionId, change, settings.chain(), settings.instanceId(),
                    start, rerun, false);
            Object[] instance = new Object[1];
            try {
                if (change.isTransactional()) {
                    applyInTransaction(change, context, instance, start, writer);
                } else {
                    instance[0] = ChangeInvoker.instantiate(change);
                    ChangeInvoker.invoke(instance[0], change.execution(), change.executionArgs(), context, null);
                    writer.append(drafts.forChange(change, AuditState.APPLIED, change.execution())
                            .durationMillis(elapsedSince(start)).metadata(context.metadata()));
                }
                Duration took = Duration.ofMillis(elapsedSince(start));
                log.info("Applied change '{}' in {} ms", change.id(), took.toMillis());
                return new Attempt(result(change, ChangeOutcome.APPLIED, took, ""), null);
            } catch (ChangeBodyException e) {
                return failed(change, e.getCause(), flags, context, instance[0], start, writer);
            } catch (TransactionRejectedException e) {
                return failed(change, e, flags, context, instance[0], start, writer);
            }
        }

        private void applyInTransaction(ChangeDefinition change, RunningContext context, Object[] instance,
                Instant start, ChainWriter writer) throws ChangeBodyException {
            @SuppressWarnings("unchecked")
            TransactionSupport<Object> transactions = (TransactionSupport<Object>) settings.store().transactions()
                    .orElseThrow();
            AuditRecord[] sealed = new AuditRecord[1];
            AppendResult result;
            try {
                result = transactions.runAndAppend(handle -> {
                    instance[0] = ChangeInvoker.instantiate(change);
                    ChangeInvoker.invoke(instance[0], change.execution(), change.executionArgs(), context, handle);
                }, () -> sealed[0] = writer.sealNext(drafts.forChange(change, AuditState.APPLIED, change.execution())
                        .durationMillis(elapsedSince(start))
                        .metadata(merged(context.metadata(), AuditRecord.META_TRANSACTIONAL))));
            } catch (ChangeBodyException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ChangeBodyException(e);
            }
            writer.accept(sealed[0], result);
        }

        private Attempt failed(ChangeDefinition change, Throwable error, Map<String, String> flags,
                RunningContext context, Object instance, Instant start, ChainWriter writer) {
            long took = elapsedSince(start);
            Map<String, String> metadata = new HashMap<>(context.metadata());
            metadata.putAll(flags);
            writer.append(RecordDrafts.withError(drafts.forChange(change, AuditState.FAILED, change.execution())
                    .durationMillis(took).metadata(metadata), error));
            log.warn("Change '{}' failed after {} ms: {}", change.id(), took, error.toString());
            String detail = error.getClass().getName() + ": " + RecordDrafts.bounded(error.getMessage());
            if (change.rollback().isEmpty()) {
                return new Attempt(result(change, ChangeOutcome.FAILED, Duration.ofMillis(took), detail), error);
            }
            Instant rollbackStart = settings.clock().instant();
            RunningContext rollbackContext = new RunningContext(executionId, change, settings.chain(),
                    settings.instanceId(), rollbackStart, context.isRerun(), true);
            try {
                Object target = instance != null ? instance : ChangeInvoker.instantiate(change);
                ChangeInvoker.invoke(target, change.rollback().get(), change.rollbackArgs(), rollbackContext, null);
                writer.append(drafts.forChange(change, AuditState.ROLLED_BACK, change.rollback().get())
                        .durationMillis(elapsedSince(rollbackStart)).metadata(rollbackContext.metadata()));
                log.info("Rolled back change '{}'", change.id());
                return new Attempt(result(change, ChangeOutcome.ROLLED_BACK, Duration.ofMillis(took), detail), error);
            } catch (ChangeBodyException e) {
                Throwable rollbackError = e.getCause();
                writer.append(RecordDrafts.withError(drafts.forChange(change, AuditState.ROLLBACK_FAILED,
                        change.rollback().get()).durationMillis(elapsedSince(rollbackStart))
                        .metadata(rollbackContext.metadata()), rollbackError));
                log.error("Rollback of change '{}' failed too: {}", change.id(), rollbackError.toString());
                error.addSuppressed(rollbackError);
                return new Attempt(result(change, ChangeOutcome.ROLLBACK_FAILED, Duration.ofMillis(took),
                        detail + "; rollback: " + rollbackError), error);
            }
        }

        private long elapsedSince(Instant start) {
            return Math.max(0, Duration.between(start, settings.clock().instant()).toMillis());
        }

        private ChangeResult result(ChangeDefinition change, ChangeOutcome outcome, Duration took, String detail) {
            return new ChangeResult(change.id(), change.order(), outcome, took, detail);
        }

        private RunReport report(List<ChangeResult> results, long tipSeq, boolean lockAcquired) {
            return new RunReport(settings.chain(), executionId, results, tipSeq, startedAt,
                    Duration.between(startedAt, settings.clock().instant()), lockAcquired);
        }
    }

    private static Map<String, String> merged(Map<String, String> metadata, String flag) {
        Map<String, String> copy = new HashMap<>(metadata);
        copy.put(flag, "true");
        return copy;
    }

    /** What one attempt of a change produced; {@code error} is null when it applied. */
    private record Attempt(ChangeResult result, Throwable error) {
    }
}

package io.tidemark.core.internal.engine;

import io.tidemark.core.PendingIssue;
import io.tidemark.core.RunReport;
import io.tidemark.core.event.ChangeApplied;
import io.tidemark.core.event.ChangeFailed;
import io.tidemark.core.event.ChangeRollbackFailed;
import io.tidemark.core.event.ChangeRolledBack;
import io.tidemark.core.event.ChangeStarted;
import io.tidemark.core.event.CheckpointWritten;
import io.tidemark.core.event.IssueFound;
import io.tidemark.core.event.LockAcquired;
import io.tidemark.core.event.LockWaiting;
import io.tidemark.core.event.MdcKeys;
import io.tidemark.core.event.RunFailed;
import io.tidemark.core.event.RunFinished;
import io.tidemark.core.event.RunStarted;
import io.tidemark.core.event.TidemarkEvent;
import io.tidemark.core.event.TidemarkListener;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.lock.LockWatcher;
import io.tidemark.spi.Lease;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a run's events are made and delivered: the engine, the change attempts and (as a
 * {@link LockWatcher}) the lock acquisition call it as things happen, and it hands each event to every
 * listener in registration order, on the calling thread (the run's).
 *
 * <p>A listener that throws changes nothing: the exception is logged (WARN the first time a listener
 * throws on an event type in this run, DEBUG after that) and delivery goes on with the next listener.
 * Only a {@link VirtualMachineError} propagates.
 *
 * <p>One instance per run; not thread-safe (a run has one thread).
 */
final class Events implements LockWatcher {

    private static final Logger log = LoggerFactory.getLogger(Events.class);

    private final List<TidemarkListener> listeners;
    private final String chain;
    private final String executionId;
    private final Clock clock;
    private final Set<String> warned = new HashSet<>();
    private IntSupplier pendingIssues;

    Events(List<TidemarkListener> listeners, String chain, String executionId, Clock clock) {
        this.listeners = List.copyOf(listeners);
        this.chain = chain;
        this.executionId = executionId;
        this.clock = clock;
    }

    String executionId() {
        return executionId;
    }

    /**
     * Runs {@code body} as one run the listeners see, under a new execution id: {@code RunStarted}
     * first, then {@code RunFinished} with the report {@code body} returns, or {@code RunFailed} with what
     * it throws (thrown on); the execution id and chain are in the MDC ({@link MdcKeys}) meanwhile. The
     * engine's runs and validate-only runs both go through here.
     */
    static RunReport aroundRun(
            List<TidemarkListener> listeners,
            ChainSettings settings,
            int changeUnits,
            Function<Events, RunReport> body) {
        Events events =
                new Events(listeners, settings.chain(), UUID.randomUUID().toString(), settings.clock());
        LogContext logContext =
                LogContext.put(Map.of(MdcKeys.EXECUTION_ID, events.executionId, MdcKeys.CHAIN, settings.chain()));
        try {
            events.runStarted(settings.store().kind(), changeUnits);
            RunReport report = body.apply(events);
            events.runFinished(report);
            return report;
        } catch (RuntimeException | Error e) {
            events.runFailed(e);
            throw e;
        } finally {
            logContext.restore();
        }
    }

    /**
     * From now on the run can tell how many changes need an operator's decision, by asking
     * {@code counter} (once the run holds the lock and knows the chain); {@link #runFailed} reports it.
     */
    void countIssuesWith(IntSupplier counter) {
        this.pendingIssues = counter;
    }

    void runStarted(String storeKind, int changeUnits) {
        deliver(new RunStarted(chain, executionId, clock.instant(), storeKind, changeUnits));
    }

    @Override
    public void waiting(Optional<Lease> holder, Duration waited, Duration timeout) {
        deliver(new LockWaiting(chain, executionId, clock.instant(), holder, waited, timeout));
    }

    @Override
    public void acquired(Lease lease, Duration waited) {
        deliver(new LockAcquired(chain, executionId, clock.instant(), lease.token(), waited));
    }

    void changeStarted(ChangeDefinition change, int position, int total, boolean rerun) {
        deliver(new ChangeStarted(
                chain, executionId, clock.instant(), change.id(), change.order(), position, total, rerun));
    }

    void changeApplied(ChangeDefinition change, Duration took, int position, int total) {
        deliver(new ChangeApplied(chain, executionId, clock.instant(), change.id(), took, position, total));
    }

    void changeFailed(ChangeDefinition change, Duration took, Throwable error) {
        deliver(new ChangeFailed(
                chain,
                executionId,
                clock.instant(),
                change.id(),
                took,
                error,
                change.rollback().isPresent()));
    }

    void changeRolledBack(ChangeDefinition change, Duration took) {
        deliver(new ChangeRolledBack(chain, executionId, clock.instant(), change.id(), took));
    }

    void changeRollbackFailed(ChangeDefinition change, Duration took, Throwable error) {
        deliver(new ChangeRollbackFailed(chain, executionId, clock.instant(), change.id(), took, error));
    }

    void issueFound(PendingIssue issue) {
        deliver(new IssueFound(chain, executionId, clock.instant(), issue));
    }

    void checkpointWritten(long seq, String changeSetDigest) {
        deliver(new CheckpointWritten(chain, executionId, clock.instant(), seq, changeSetDigest));
    }

    void runFinished(RunReport report) {
        deliver(new RunFinished(chain, executionId, clock.instant(), report));
    }

    void runFailed(Throwable exception) {
        OptionalInt issues = OptionalInt.empty();
        if (pendingIssues != null) {
            try {
                issues = OptionalInt.of(pendingIssues.getAsInt());
            } catch (RuntimeException e) {
                log.debug("Could not count pending issues of run {}: {}", executionId, e.toString());
            }
        }
        deliver(new RunFailed(chain, executionId, clock.instant(), exception, issues));
    }

    private void deliver(TidemarkEvent event) {
        for (int i = 0; i < listeners.size(); i++) {
            TidemarkListener listener = listeners.get(i);
            try {
                listener.onEvent(event);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (RuntimeException | Error e) {
                String type = event.getClass().getSimpleName();
                if (warned.add(i + ":" + type)) {
                    log.warn(
                            "Listener {} threw on {} of run {} on chain '{}'; ignored, the run goes on (further "
                                    + "failures of this listener on {} in this run are logged at DEBUG)",
                            listener,
                            type,
                            executionId,
                            chain,
                            type,
                            e);
                } else {
                    log.debug("Listener {} threw on {} of run {} again; ignored", listener, type, executionId, e);
                }
            }
        }
    }
}

package io.tidemark.core.internal.engine;

import io.tidemark.core.Plan;
import io.tidemark.core.PlannedAction;
import io.tidemark.core.PlannedChange;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ChangeSet;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.ExecutionHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one answer to "what would a run do?", for a change set on one chain: the engine asks it
 * whether there is anything to do before it takes the lock, and {@code Tidemark.plan()} and
 * validate-only starts return its answer. Each change's action follows {@link Decision} from its
 * latest record; a change that would run but comes after an issue is {@link PlannedAction#BLOCKED}
 * (a run stops before the issue, so it reports such a change {@code NOT_REACHED}).
 *
 * <p>Reading a plan ({@link #read}) is what the first step of a run does: one read of the tip, and
 * nothing more when it is a checkpoint of this change set; otherwise one streaming read of the
 * history. It never takes the lock, never initialises the store and never writes.
 */
public final class Planner {

    private final String chain;
    private final ChangeSet changes;

    /** A planner for {@code changes} on {@code chain}. */
    public Planner(String chain, ChangeSet changes) {
        this.chain = chain;
        this.changes = changes;
    }

    /** Reads the chain (the tip, and the history unless the tip is a current checkpoint) and plans. */
    public Plan read(ExecutionHistory history) {
        Optional<AuditRecord> tip = history.tip(chain);
        if (tip.isPresent() && isCurrentCheckpoint(tip.get())) {
            return fromCheckpoint(tip.get());
        }
        return plan(tip.isEmpty() ? ChainState.empty(chain) : ChainState.read(history, chain));
    }

    /**
     * Whether {@code tip} is a checkpoint of exactly this change set: every change of it is done, and
     * the history need not be read.
     */
    public boolean isCurrentCheckpoint(AuditRecord tip) {
        return isCheckpointOf(tip, changes.digest());
    }

    /**
     * Whether {@code tip} is a checkpoint of the change set whose digest is {@code digest}; the engine
     * asks this with the digest of a build-time index, before any change-unit class is loaded.
     */
    public static boolean isCheckpointOf(AuditRecord tip, String digest) {
        return tip.state() == AuditState.CHECKPOINT
                && digest.equals(tip.metadata().get(AuditRecord.META_CHANGE_SET_DIGEST));
    }

    /** The plan on a chain whose tip is a current checkpoint: every change applied, no record read. */
    public Plan fromCheckpoint(AuditRecord checkpoint) {
        List<PlannedChange> planned = changes.changes().stream()
                .map(c -> new PlannedChange(c.id(), c.order(), PlannedAction.SKIP_APPLIED, Optional.empty()))
                .toList();
        return new Plan(chain, planned, checkpoint.seq(), checkpoint.hash(), true);
    }

    /** The plan on a chain as {@code state} knows it. */
    public Plan plan(ChainState state) {
        List<PlannedChange> planned = new ArrayList<>();
        boolean issueBefore = false;
        for (ChangeDefinition change : changes.changes()) {
            Optional<AuditRecord> latest = state.latestOf(change.id());
            PlannedAction action = switch (decide(change, state)) {
                case SKIP -> PlannedAction.SKIP_APPLIED;
                case ISSUE -> PlannedAction.ISSUE;
                case RUN -> issueBefore ? PlannedAction.BLOCKED : PlannedAction.RUN;
            };
            issueBefore |= action == PlannedAction.ISSUE;
            planned.add(new PlannedChange(change.id(), change.order(), action, latest));
        }
        return new Plan(chain, planned, state.tipSeq(), state.tipHash(), false);
    }

    /** The decision for {@code change} on a chain as {@code state} knows it. */
    public Decision decide(ChangeDefinition change, ChainState state) {
        return Decision.of(state.latestOf(change.id()), change.recovery());
    }
}

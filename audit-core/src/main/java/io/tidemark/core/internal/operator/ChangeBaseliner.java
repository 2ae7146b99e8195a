package io.tidemark.core.internal.operator;

import io.tidemark.core.error.BaselineRefusedException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.internal.engine.ChainSettings;
import io.tidemark.core.internal.engine.ChainState;
import io.tidemark.core.internal.engine.ChainWriter;
import io.tidemark.core.internal.engine.InterruptFlag;
import io.tidemark.core.internal.engine.Planner;
import io.tidemark.core.internal.engine.RecordDrafts;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ChangeSet;
import io.tidemark.core.internal.loading.VersionOrder;
import io.tidemark.core.internal.lock.LeaseKeeper;
import io.tidemark.core.internal.text.RecordText;
import io.tidemark.core.operator.Baseline;
import io.tidemark.spi.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a baseline (see {@link io.tidemark.core.operator.OperatorApi#baseline}): under one hold of
 * the chain's lock it reads the chain, decides, and appends a {@code MARKED_APPLIED} record for each
 * change unit up to the order that has none, through one {@link ChainWriter}, then a checkpoint when
 * every change unit is applied. Every refusal is decided on the chain as read under the lock, before
 * anything is appended.
 */
final class ChangeBaseliner {

    private static final Logger log = LoggerFactory.getLogger(ChangeBaseliner.class);

    private final ChainSettings settings;
    private final ChangeSet changes;

    ChangeBaseliner(ChainSettings settings, ChangeSet changes) {
        this.settings = settings;
        this.changes = changes;
    }

    Baseline baseline(String upToOrder, String operator, String reason) {
        ChangeMarker.requireText(upToOrder, "order to baseline up to");
        ChangeMarker.requireText(operator, "operator");
        ChangeMarker.requireText(reason, "reason");
        VersionOrder.problemWith(upToOrder).ifPresent(problem -> {
            throw new IllegalArgumentException("The order to baseline up to " + problem);
        });
        String operatorName = RecordText.requireBoundedText(operator, "operator", RecordText.MAX_OPERATOR_LENGTH);
        String why = RecordText.requireBoundedText(reason, "reason", RecordText.MAX_REASON_LENGTH);
        String chain = settings.chain();
        if (changes.isEmpty()) {
            throw new ConfigurationException("A baseline of chain '" + chain + "' needs the change units, to know "
                    + "which changes lie at or below order '" + upToOrder + "': use tidemark.operator() of a built "
                    + "Tidemark, or register the change units (changeUnits(...) or scanPackage(...)) before "
                    + "buildOperator(); on the command line give --classpath and --scan-package");
        }
        List<ChangeDefinition> covered = coveredUpTo(upToOrder);
        String executionId = UUID.randomUUID().toString();
        settings.store().initialize();
        InterruptFlag interrupts = new InterruptFlag();
        try (LeaseKeeper keeper = settings.holdLock("baseline-" + executionId)) {
            ChainState state = ChainState.read(settings.store().history(), chain);
            refuseUnlessOnlyAppliedRecords(covered, state, upToOrder);
            List<ChangeDefinition> toMark = covered.stream()
                    .filter(c -> state.latestOf(c.id()).isEmpty())
                    .toList();
            List<String> alreadyApplied = covered.stream()
                    .filter(c -> state.latestOf(c.id()).isPresent())
                    .map(ChangeDefinition::id)
                    .toList();
            if (toMark.isEmpty()) {
                throw new BaselineRefusedException(
                        "Nothing to baseline up to order '" + upToOrder + "' on chain '"
                                + chain + "': every change unit at or below it is applied already ("
                                + String.join(", ", alreadyApplied)
                                + "), by a run or an earlier baseline. A baseline is the one step of "
                                + "adopting Tidemark on a system that already has these changes; nothing was written. Runs "
                                + "apply the changes after it (see `tidemark plan`).",
                        List.of());
            }
            ChainWriter writer = new ChainWriter(settings.store(), keeper, state, interrupts);
            writer.prepareAppends(state.tipSeq() + toMark.size() + 1);
            RecordDrafts drafts = settings.drafts(executionId);
            List<AuditRecord> marked = new ArrayList<>();
            for (ChangeDefinition change : toMark) {
                marked.add(writer.append(drafts.forBaseline(change, operatorName, why)));
            }
            Optional<AuditRecord> checkpoint =
                    new Planner(chain, changes).plan(writer.state()).upToDate()
                            ? Optional.of(writer.append(drafts.checkpoint(changes)))
                            : Optional.empty();
            log.info(
                    "Baseline of chain '{}' up to order '{}' by '{}': marked {} change(s) applied ({}), {} applied "
                            + "before{}",
                    chain,
                    upToOrder,
                    operatorName,
                    marked.size(),
                    toMark.stream().map(ChangeDefinition::id).collect(Collectors.joining(", ")),
                    alreadyApplied.size(),
                    checkpoint
                            .map(c -> "; every change unit is applied, checkpoint at seq " + c.seq())
                            .orElse(""));
            return new Baseline(chain, upToOrder, marked, alreadyApplied, checkpoint);
        } finally {
            interrupts.restore();
        }
    }

    /**
     * The change units up to and including the one whose order is {@code upToOrder}, in order.
     *
     * @throws BaselineRefusedException when no change unit has that order
     */
    private List<ChangeDefinition> coveredUpTo(String upToOrder) {
        List<ChangeDefinition> all = changes.changes();
        boolean exists = all.stream().anyMatch(c -> VersionOrder.INSTANCE.compare(c.order(), upToOrder) == 0);
        if (!exists) {
            throw new BaselineRefusedException(
                    "No change unit has order '" + upToOrder + "' (the change units' orders "
                            + "are " + orders(all)
                            + "). Give the order of the last change the system already has; nothing "
                            + "was written.",
                    List.of());
        }
        return all.stream()
                .filter(c -> VersionOrder.INSTANCE.compare(c.order(), upToOrder) <= 0)
                .toList();
    }

    private static String orders(List<ChangeDefinition> all) {
        List<String> orders = all.stream().map(ChangeDefinition::order).toList();
        return orders.size() <= 12
                ? String.join(", ", orders)
                : String.join(", ", orders.subList(0, 5)) + ", ..., "
                        + String.join(", ", orders.subList(orders.size() - 5, orders.size()));
    }

    /** Refuses, naming each, when a change unit at or below the order has a record other than applied. */
    private void refuseUnlessOnlyAppliedRecords(List<ChangeDefinition> covered, ChainState state, String upToOrder) {
        List<String> lines = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (ChangeDefinition change : covered) {
            Optional<AuditRecord> latest = state.latestOf(change.id());
            if (latest.isPresent() && !latest.get().state().meansApplied()) {
                AuditRecord record = latest.get();
                ids.add(change.id());
                lines.add(System.lineSeparator() + "  - " + change.id() + " (order " + change.order() + "): "
                        + record.state() + " at seq " + record.seq() + " on " + record.timestamp()
                        + (record.hasError() ? " [" + record.errorType() + ": " + record.errorMessage() + "]" : ""));
            }
        }
        if (!ids.isEmpty()) {
            throw new BaselineRefusedException(
                    "Baseline up to order '" + upToOrder + "' refused on chain '"
                            + settings.chain() + "': " + ids.size()
                            + " change(s) at or below it have a record other than "
                            + "applied, so Tidemark has run them (or they were rolled back); a baseline is only for changes "
                            + "that never ran. Nothing was written." + String.join("", lines) + System.lineSeparator()
                            + "For each: if its effect is in place, mark it applied (`tidemark mark-applied ID --reason ...`, "
                            + "or OperatorApi.markApplied), which a baseline then leaves as it is; otherwise baseline up to an "
                            + "order below it and let runs apply it.",
                    ids);
        }
    }
}

package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.core.ChangeUnitInfo;
import io.tidemark.core.Plan;
import io.tidemark.core.PlannedChange;
import io.tidemark.core.Tidemark;
import io.tidemark.spi.AuditRecord;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(
        name = "plan",
        description = {
            "What the application's next start would do: for each change unit, whether it would run, be skipped as "
                    + "applied, or stop the run as an issue (or wait behind one), with the chain's tip.",
            "The change units are read from --classpath and --scan-package without running the application (no "
                    + "static initialiser runs). Writes nothing, takes no lock and creates nothing.",
            "Exit code 0 when up to date, 1 when anything would run or an issue needs a decision (and when the "
                    + "store's tables or collections are missing: nothing has run there yet, or the names are wrong), 3 "
                    + "when a change unit cannot be loaded (each is named) or is invalid."
        })
final class PlanCommand extends ChangeUnitsCommand {

    private static final List<Printer.Column> COLUMNS = List.of(
            Printer.Column.fixed("ORDER"),
            Printer.Column.flexible("CHANGE", 16, 2),
            Printer.Column.fixed("ACTION"),
            Printer.Column.flexible("LATEST", 12, 1).optional(1));

    @Override
    int run(Session session, Printer printer) {
        Tidemark tidemark = session.tidemark();
        Plan plan = tidemark.plan();
        paragraph(printer, "Chain '" + plan.chain() + "', tip seq " + plan.tipSeq() + ": " + counts(plan) + ".");
        paragraph(printer, "Store: " + session.store().describe());
        printer.table(
                COLUMNS,
                plan.changes().stream()
                        .map(c -> List.of(c.order(), c.changeId(), c.action().name(), latest(plan, c)))
                        .toList());
        if (plan.upToDate()) {
            paragraph(
                    printer,
                    "Up to date: the next start applies nothing"
                            + (plan.endsWithCheckpoint()
                                    ? " (the chain ends with a checkpoint of these change units)."
                                    : "."));
        } else if (plan.issues().isEmpty()) {
            paragraph(
                    printer,
                    "Not up to date: the next start applies " + plan.toRun().size() + " change(s).");
        } else {
            paragraph(
                    printer,
                    "Not up to date: the next start applies "
                            + (plan.toRun().isEmpty() ? "nothing" : plan.toRun().size() + " change(s)")
                            + " and stops before " + plan.issues().size()
                            + " issue(s), which need a decision; to resolve them:");
            printer.text("  tidemark issues" + storeArguments());
        }
        printer.json(json(plan, session, tidemark.changeUnits()));
        return plan.upToDate() ? ExitCodes.OK : ExitCodes.FOUND_PROBLEMS;
    }

    private static String counts(Plan plan) {
        return plan.toRun().size() + " to run, " + plan.issues().size() + " issue(s), "
                + plan.blocked().size() + " blocked, " + plan.applied().size() + " applied";
    }

    /** {@code text} wrapped to the terminal's width. */
    private static void paragraph(Printer printer, String text) {
        TextWrap.lines(text, printer.width()).forEach(printer::text);
    }

    /** The LATEST cell: the record the action follows from (every field of it is in the JSON). */
    private static String latest(Plan plan, PlannedChange change) {
        if (change.latest().isEmpty()) {
            return plan.endsWithCheckpoint() ? "checkpoint at seq " + plan.tipSeq() : "-";
        }
        AuditRecord record = change.latest().get();
        return record.state() + " at seq " + record.seq() + ", " + record.timestamp();
    }

    private static ObjectNode json(Plan plan, Session session, List<ChangeUnitInfo> units) {
        Map<String, ChangeUnitInfo> byId =
                units.stream().collect(Collectors.toMap(ChangeUnitInfo::id, Function.identity()));
        ObjectNode json = RecordJson.MAPPER.createObjectNode();
        json.put("chain", plan.chain());
        json.put("store", session.store().describe());
        json.put("upToDate", plan.upToDate());
        json.put("tipSeq", plan.tipSeq());
        json.put("tipHash", plan.tipHash());
        json.put("endsWithCheckpoint", plan.endsWithCheckpoint());
        json.put("toRun", plan.toRun().size());
        json.put("issues", plan.issues().size());
        json.put("blocked", plan.blocked().size());
        json.put("applied", plan.applied().size());
        ArrayNode changes = json.putArray("changes");
        for (PlannedChange change : plan.changes()) {
            ObjectNode node = changes.addObject();
            node.put("changeId", change.changeId());
            node.put("order", change.order());
            node.put("className", byId.get(change.changeId()).className());
            node.put("action", change.action().name());
            change.latest()
                    .ifPresentOrElse(l -> node.set("latest", RecordJson.toJson(l)), () -> node.putNull("latest"));
        }
        return json;
    }
}

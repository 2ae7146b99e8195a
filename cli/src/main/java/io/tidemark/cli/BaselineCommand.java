package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.core.operator.Baseline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "baseline",
        description = {
            "Adopt Tidemark on a system that already has some of its changes: declare every change unit up to and "
                    + "including --up-to that has no record yet applied (MARKED_APPLIED, flagged as a baseline, with "
                    + "operator and reason), in one hold of the lock. Runs then apply only the later changes.",
            "The change units are read from --classpath and --scan-package, as for plan. Refused, writing nothing "
                    + "(exit code 3), when a change at or below the order has a record other than applied (each is "
                    + "named), when nothing is left to baseline, or when no change unit has that order. Creates missing "
                    + "tables and collections (with auto-create on)."
        })
final class BaselineCommand extends ChangeUnitsCommand {

    @Option(
            names = "--up-to",
            required = true,
            paramLabel = "ORDER",
            description = "The order of the last change unit the system already has.")
    String upToOrder;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; recorded in the audit log.")
    String reason;

    @Option(
            names = "--operator",
            paramLabel = "NAME",
            description = "Who decides; recorded in the audit log (default: the OS user).")
    String operator = System.getProperty("user.name", "operator");

    @Override
    int run(Session session, Printer printer) {
        Baseline baseline = session.operator().baseline(upToOrder, operator, reason);
        long first = baseline.marked().get(0).seq();
        paragraph(
                printer,
                String.format(
                        "Baselined chain '%s' up to order %s: marked %d change(s) applied at seq %d "
                                + "to %d (operator %s: %s).",
                        baseline.chain(),
                        baseline.upToOrder(),
                        baseline.marked().size(),
                        first,
                        baseline.marked().get(baseline.marked().size() - 1).seq(),
                        operator,
                        reason));
        paragraph(printer, "Marked: " + String.join(", ", baseline.markedIds()));
        if (!baseline.alreadyApplied().isEmpty()) {
            paragraph(printer, "Already applied, left as they were: " + String.join(", ", baseline.alreadyApplied()));
        }
        if (baseline.checkpoint().isPresent()) {
            paragraph(
                    printer,
                    "Every change unit is applied now (checkpoint at seq "
                            + baseline.checkpoint().get().seq() + "): the next start applies nothing.");
        } else {
            paragraph(printer, "The next start applies the later changes; to see them:");
            printer.text("  tidemark plan" + changeUnitArguments() + storeArguments());
        }
        ObjectNode json = RecordJson.MAPPER.createObjectNode();
        json.put("chain", baseline.chain());
        json.put("upToOrder", baseline.upToOrder());
        ArrayNode marked = json.putArray("marked");
        baseline.marked().forEach(record -> marked.add(RecordJson.toJson(record)));
        ArrayNode already = json.putArray("alreadyApplied");
        baseline.alreadyApplied().forEach(already::add);
        baseline.checkpoint()
                .map(RecordJson::toJson)
                .ifPresentOrElse(c -> json.set("checkpoint", c), () -> json.putNull("checkpoint"));
        json.put("tipSeq", baseline.tipSeq());
        printer.json(json);
        return ExitCodes.OK;
    }

    /** {@code text} wrapped to the terminal's width. */
    private static void paragraph(Printer printer, String text) {
        TextWrap.lines(text, printer.width()).forEach(printer::text);
    }

    @Override
    boolean mayCreate() {
        return true;
    }
}

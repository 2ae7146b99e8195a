package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tidemark.core.PendingIssue;
import io.tidemark.spi.AuditRecord;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "issues",
        description = {
            "Changes that need a decision, each with its last error and the commands that resolve it.",
            "The commands repeat the --store, --config and --chain given here. A change being applied right now "
                    + "(STARTED by the instance that holds the chain's lock) is shown as running, not as an issue. "
                    + "Exit code 1 when there is at least one issue, or when the store's tables or collections are "
                    + "missing (nothing is created)."
        })
final class IssuesCommand extends StoreCommand {

    private static final String INDENT = "  ";

    @Override
    int run(Session session, Printer printer) {
        Unfinished unfinished = Unfinished.of(
                session.operator().issues(),
                () -> session.operator().lockHolder(),
                root().clock().instant());
        List<PendingIssue> issues = unfinished.issues();
        if (issues.isEmpty()) {
            printer.line("No issues on chain '%s'.", session.chain());
        }
        for (PendingIssue running : unfinished.running()) {
            printer.text(unfinished.describeRunning(running));
        }
        ArrayNode json = RecordJson.MAPPER.createArrayNode();
        for (PendingIssue issue : issues) {
            AuditRecord latest = issue.latest();
            String applied =
                    "tidemark mark-applied " + Shell.quote(issue.changeId()) + " --reason \"...\"" + storeArguments();
            String rolledBack = "tidemark mark-rolled-back " + Shell.quote(issue.changeId()) + " --reason \"...\""
                    + storeArguments();
            printer.text(issue.changeId() + ": " + latest.state() + " at seq " + latest.seq() + ", "
                    + latest.timestamp() + ", by " + latest.instanceId());
            if (latest.hasError()) {
                paragraph(printer, "last error: " + latest.errorType() + ": " + latest.errorMessage());
            }
            printer.text(INDENT + "if its effect is complete:");
            printer.text(INDENT + INDENT + applied);
            printer.text(INDENT + "if it must run again:");
            printer.text(INDENT + INDENT + rolledBack);
            json.addObject()
                    .put("changeId", issue.changeId())
                    .put("state", latest.state().name())
                    .put("seq", latest.seq())
                    .put("timestamp", latest.timestamp().toString())
                    .put("instanceId", latest.instanceId())
                    .put("errorType", latest.errorType())
                    .put("errorMessage", latest.errorMessage())
                    .put("resolveApplied", applied)
                    .put("resolveRolledBack", rolledBack);
        }
        printer.json(json);
        return issues.isEmpty() ? ExitCodes.OK : ExitCodes.FOUND_PROBLEMS;
    }

    /**
     * {@code text} indented and wrapped to the terminal's width, continuation lines indented further.
     * The commands to paste are printed whole on lines of their own instead, never broken.
     */
    private static void paragraph(Printer printer, String text) {
        List<String> lines = TextWrap.lines(text, printer.width() - 2 * INDENT.length());
        for (int i = 0; i < lines.size(); i++) {
            printer.text((i == 0 ? INDENT : INDENT + INDENT) + lines.get(i));
        }
    }
}

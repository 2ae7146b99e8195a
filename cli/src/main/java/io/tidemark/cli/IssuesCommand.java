package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tidemark.core.PendingIssue;
import io.tidemark.spi.AuditRecord;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "issues", description = "Changes that need a decision, each with its last error and the command that resolves it. "
        + "Exit code 1 when there is at least one.")
final class IssuesCommand extends StoreCommand {

    @Override
    int run(Session session, Printer printer) {
        List<PendingIssue> issues = session.operator().issues();
        String chainOption = "default".equals(session.chain()) ? "" : " --chain " + session.chain();
        if (issues.isEmpty()) {
            printer.line("No issues on chain '%s'.", session.chain());
        }
        ArrayNode json = RecordJson.MAPPER.createArrayNode();
        for (PendingIssue issue : issues) {
            AuditRecord latest = issue.latest();
            String applied = "tidemark mark-applied " + issue.changeId() + chainOption + " --reason \"...\"";
            String rolledBack = "tidemark mark-rolled-back " + issue.changeId() + chainOption + " --reason \"...\"";
            printer.line("%s: %s at seq %d, %s, by %s", issue.changeId(), latest.state(), latest.seq(),
                    latest.timestamp(), latest.instanceId());
            if (latest.hasError()) {
                printer.line("  last error: %s", HistoryCommand.detail(latest));
            }
            printer.line("  if its effect is complete:  %s", applied);
            printer.line("  if it must run again:       %s", rolledBack);
            json.addObject().put("changeId", issue.changeId()).put("state", latest.state().name())
                    .put("seq", latest.seq()).put("timestamp", latest.timestamp().toString())
                    .put("instanceId", latest.instanceId()).put("errorType", latest.errorType())
                    .put("errorMessage", latest.errorMessage()).put("resolveApplied", applied)
                    .put("resolveRolledBack", rolledBack);
        }
        printer.json(json);
        return issues.isEmpty() ? ExitCodes.OK : ExitCodes.FOUND_PROBLEMS;
    }
}

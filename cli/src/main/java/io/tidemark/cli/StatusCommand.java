package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.core.PendingIssue;
import io.tidemark.core.operator.ChainStatus;
import io.tidemark.spi.Lease;
import java.time.Instant;
import picocli.CommandLine.Command;

@Command(
        name = "status",
        description = {
            "The chain, its tip, applied changes, pending issues, the changes being applied right now, and who holds "
                    + "the lock until when.",
            "Creates nothing: exit code 3 when the store's tables or collections are missing."
        })
final class StatusCommand extends StoreCommand {

    @Override
    int run(Session session, Printer printer) {
        ChainStatus status = session.operator().status();
        Instant now = root().clock().instant();
        printer.line("Chain    %s", status.chain());
        printer.line("Store    %s", session.store().describe());
        printer.line(
                "Records  %d%s",
                status.records(),
                status.tip()
                        .map(t -> " (tip seq " + t.seq() + ": " + t.state()
                                + (t.changeId().isEmpty() ? "" : " " + t.changeId()) + " at " + t.timestamp() + ")")
                        .orElse(""));
        printer.line("Changes  %d applied of %d recorded", status.appliedChanges(), status.changes());
        Unfinished unfinished = Unfinished.of(status.issues(), status::lock, now);
        printer.line(
                "Issues   %s",
                unfinished.issues().isEmpty()
                        ? "none"
                        : unfinished.issues().size() + " (details: tidemark issues" + storeArguments() + ")");
        for (PendingIssue issue : unfinished.issues()) {
            printer.line(
                    "         - %s: %s at seq %d",
                    issue.changeId(), issue.latest().state(), issue.latest().seq());
        }
        for (PendingIssue running : unfinished.running()) {
            printer.line(
                    "Running  %s: STARTED at seq %d by %s, which holds the lock",
                    running.changeId(), running.latest().seq(), running.latest().instanceId());
        }
        printer.line(
                "Lock     %s", status.lock().map(lease -> describe(lease, now)).orElse("free"));

        ObjectNode json = RecordJson.MAPPER.createObjectNode();
        json.put("chain", status.chain());
        json.put("store", session.store().describe());
        json.put("records", status.records());
        status.tip().ifPresentOrElse(t -> json.set("tip", RecordJson.toJson(t)), () -> json.putNull("tip"));
        json.put("changes", status.changes());
        json.put("appliedChanges", status.appliedChanges());
        var issues = json.putArray("issues");
        unfinished
                .issues()
                .forEach(i -> issues.addObject()
                        .put("changeId", i.changeId())
                        .put("state", i.latest().state().name())
                        .put("seq", i.latest().seq()));
        var running = json.putArray("running");
        unfinished
                .running()
                .forEach(r -> running.addObject()
                        .put("changeId", r.changeId())
                        .put("seq", r.latest().seq())
                        .put("instanceId", r.latest().instanceId())
                        .put("startedAt", r.latest().timestamp().toString()));
        status.lock()
                .ifPresentOrElse(lease -> json.set("lock", LockJson.toJson(lease, now)), () -> json.putNull("lock"));
        printer.json(json);
        return ExitCodes.OK;
    }

    @Override
    int notReadyExitCode() {
        return ExitCodes.INVALID_INPUT;
    }

    static String describe(Lease lease, Instant now) {
        return (lease.isActiveAt(now) ? "held by '" : "EXPIRED, last held by '") + lease.owner() + "' until "
                + lease.expiresAt() + " (token " + lease.token() + ")";
    }
}

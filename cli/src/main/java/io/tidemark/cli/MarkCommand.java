package io.tidemark.cli;

import io.tidemark.spi.AuditRecord;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Appends an operator's resolution for one change, under the lock. */
abstract class MarkCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The change id.")
    String changeId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; recorded in the audit log.")
    String reason;

    @Option(
            names = "--operator",
            paramLabel = "NAME",
            description = "Who decides; recorded in the audit log (default: the OS user).")
    String operator = System.getProperty("user.name", "operator");

    @Override
    int run(Session session, Printer printer) {
        long tipBefore = session.operator().tip().map(AuditRecord::seq).orElse(0L);
        AuditRecord record = mark(session);
        boolean appended = record.seq() > tipBefore;
        if (appended) {
            printer.line(
                    "Appended %s for '%s' at seq %d (operator %s: %s).",
                    record.state(), changeId, record.seq(), operator, reason);
        } else {
            printer.line(
                    "Change '%s' is already %s at seq %d; nothing appended.", changeId, record.state(), record.seq());
        }
        printer.json(RecordJson.MAPPER
                .createObjectNode()
                .put("appended", appended)
                .set("record", RecordJson.toJson(record)));
        return ExitCodes.OK;
    }

    abstract AuditRecord mark(Session session);

    @Override
    boolean mayCreate() {
        return true;
    }
}

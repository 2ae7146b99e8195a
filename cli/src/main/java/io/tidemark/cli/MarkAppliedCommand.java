package io.tidemark.cli;

import io.tidemark.spi.AuditRecord;
import picocli.CommandLine.Command;

@Command(name = "mark-applied", description = "Declare a change applied (its effect is complete): runs will skip it.")
final class MarkAppliedCommand extends MarkCommand {

    @Override
    AuditRecord mark(Session session) {
        return session.operator().markApplied(changeId, operator, reason);
    }
}

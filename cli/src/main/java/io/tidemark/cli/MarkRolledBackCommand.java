package io.tidemark.cli;

import io.tidemark.spi.AuditRecord;
import picocli.CommandLine.Command;

@Command(name = "mark-rolled-back", description = "Declare a change undone: the next run runs it again.")
final class MarkRolledBackCommand extends MarkCommand {

    @Override
    AuditRecord mark(Session session) {
        return session.operator().markRolledBack(changeId, operator, reason);
    }
}

package io.tidemark.cli;

import io.tidemark.spi.Lease;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "release",
        description = {
            "Break a lock left by a dead instance, after saying who held it and asking for confirmation.",
            "Needs --force. Exit code 6 when the confirmation is declined, 5 when someone else took the lock meanwhile, "
                    + "3 when the store's tables or collections are missing (nothing is created)."
        })
final class LockReleaseCommand extends StoreCommand {

    @Option(
            names = "--force",
            description = "Required: breaking a lock a live instance holds lets two instances run changes at once.")
    boolean force;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    void validate() {
        if (!force) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "Refusing to release without --force: "
                            + "if the holder is alive, two instances would run changes at once. Check who holds it first: "
                            + "tidemark lock show" + storeArguments());
        }
    }

    @Override
    int run(Session session, Printer printer) {
        Optional<Lease> holder = session.operator().lockHolder();
        if (holder.isEmpty()) {
            printer.line("Lock '%s' is free; nothing to release.", session.chain());
            printer.json(
                    RecordJson.MAPPER.createObjectNode().put("released", false).put("wasFree", true));
            return ExitCodes.OK;
        }
        Lease lease = holder.get();
        Instant now = root().clock().instant();
        String state = LockShowCommand.describeExpiry(lease, now);
        printer.progress(
                "Lock '%s' is held by '%s' until %s (token %d, %s).",
                session.chain(), lease.owner(), lease.expiresAt(), lease.token(), state);
        if (!yes && !confirmed(printer)) {
            printer.line("Aborted; the lock is unchanged.");
            printer.json(
                    RecordJson.MAPPER.createObjectNode().put("released", false).put("aborted", true));
            return ExitCodes.ABORTED;
        }
        boolean free = session.operator().releaseLock(lease);
        printer.line(
                free ? "Released lock '%s'." : "Lock '%s' was taken again by someone else meanwhile; left alone.",
                session.chain());
        printer.json(RecordJson.MAPPER
                .createObjectNode()
                .put("released", free)
                .set("previousHolder", LockJson.toJson(lease, now)));
        return free ? ExitCodes.OK : ExitCodes.LOCK_HELD;
    }

    @Override
    int notReadyExitCode() {
        return ExitCodes.INVALID_INPUT;
    }

    private boolean confirmed(Printer printer) {
        printer.progress("Release it? Type 'yes' to confirm: ");
        try {
            String answer =
                    new BufferedReader(new InputStreamReader(root().input(), StandardCharsets.UTF_8)).readLine();
            return answer != null
                    && (answer.trim().equalsIgnoreCase("yes") || answer.trim().equalsIgnoreCase("y"));
        } catch (IOException e) {
            return false;
        }
    }
}

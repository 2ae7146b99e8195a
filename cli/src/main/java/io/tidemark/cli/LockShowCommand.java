package io.tidemark.cli;

import io.tidemark.spi.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(
        name = "show",
        description = {
            "Who holds the chain's lock: holder, fencing token, expiry, and whether it has expired.",
            "Exit code 0 whether the lock is held or free; 3 when the store's tables or collections are missing "
                    + "(nothing is created)."
        })
final class LockShowCommand extends StoreCommand {

    @Override
    int run(Session session, Printer printer) {
        Optional<Lease> holder = session.operator().lockHolder();
        Instant now = root().clock().instant();
        if (holder.isEmpty()) {
            printer.line("Lock '%s' is free.", session.chain());
            printer.json(RecordJson.MAPPER
                    .createObjectNode()
                    .put("key", session.chain())
                    .put("held", false));
            return ExitCodes.OK;
        }
        Lease lease = holder.get();
        printer.line("Lock     %s", lease.key());
        printer.line("Holder   %s", lease.owner());
        printer.line("Token    %d", lease.token());
        printer.line("Expires  %s (%s)", lease.expiresAt(), describeExpiry(lease, now));
        if (!lease.isActiveAt(now)) {
            printer.line("The holder stopped extending it; the next instance that asks takes it over.");
        }
        printer.json(LockJson.toJson(lease, now).put("held", true));
        return ExitCodes.OK;
    }

    /** "valid for another 42 s", or "EXPIRED 3 s ago". */
    static String describeExpiry(Lease lease, Instant now) {
        return lease.isActiveAt(now)
                ? "valid for another "
                        + Duration.between(now, lease.expiresAt()).toSeconds() + " s"
                : "EXPIRED " + Duration.between(lease.expiresAt(), now).toSeconds() + " s ago";
    }

    @Override
    int notReadyExitCode() {
        return ExitCodes.INVALID_INPUT;
    }
}

package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.core.chain.VerificationResult;
import picocli.CommandLine.Command;

@Command(
        name = "verify",
        description = {
            "Check the hash chain end to end.",
            "Exit code 0 when intact, 1 with the first broken sequence (or when the store's tables or collections are "
                    + "missing: nothing is created), 7 when a record was written by a newer Tidemark version."
        })
final class VerifyCommand extends StoreCommand {

    @Override
    int run(Session session, Printer printer) {
        VerificationResult result = session.operator().verify();
        ObjectNode json = RecordJson.MAPPER
                .createObjectNode()
                .put("chain", result.chain())
                .put("intact", result.isIntact());
        if (result instanceof VerificationResult.Intact intact) {
            printer.line(
                    "Chain '%s' is intact: %d records, tip seq %d, tip hash %s",
                    intact.chain(), intact.records(), intact.tipSeq(), intact.tipHash());
            printer.json(json.put("records", intact.records())
                    .put("tipSeq", intact.tipSeq())
                    .put("tipHash", intact.tipHash()));
            return ExitCodes.OK;
        }
        if (result instanceof VerificationResult.Unreadable unreadable) {
            printer.line("UNREADABLE: %s", unreadable.describe());
            printer.json(json.put("unreadable", true)
                    .put("seq", unreadable.seq())
                    .put("field", unreadable.problem().field())
                    .put("value", unreadable.problem().value())
                    .put("detail", unreadable.problem().getMessage())
                    .put("recordsBefore", unreadable.recordsBefore()));
            return ExitCodes.NEWER_VERSION;
        }
        VerificationResult.Broken broken = (VerificationResult.Broken) result;
        printer.line("BROKEN: %s", broken.describe());
        printer.line("%d records before seq %d verified.", broken.recordsBefore(), broken.seq());
        printer.json(json.put("seq", broken.seq())
                .put("kind", broken.kind().name())
                .put("detail", broken.detail())
                .put("recordsBefore", broken.recordsBefore()));
        return ExitCodes.FOUND_PROBLEMS;
    }
}

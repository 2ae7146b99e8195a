package io.tidemark.cli;

import io.tidemark.core.chain.VerificationResult;

/**
 * The result of an import or a migration, for a person (a summary on standard error: the data went
 * into the store) or a script (JSON on standard output).
 */
final class TransferReport {

    private TransferReport() {}

    static int print(Printer printer, String verb, String from, Session target, VerificationResult result) {
        var json = RecordJson.MAPPER
                .createObjectNode()
                .put("chain", target.chain())
                .put("from", from)
                .put("to", target.store().describe())
                .put("intact", result.isIntact());
        if (result instanceof VerificationResult.Intact intact) {
            printer.summary(
                    "%s %d records of chain '%s' from %s into %s; verified intact, tip seq %d, tip hash %s",
                    verb,
                    intact.records(),
                    target.chain(),
                    from,
                    target.store().describe(),
                    intact.tipSeq(),
                    intact.tipHash());
            printer.json(json.put("records", intact.records())
                    .put("tipSeq", intact.tipSeq())
                    .put("tipHash", intact.tipHash()));
            return ExitCodes.OK;
        }
        if (result instanceof VerificationResult.Unreadable unreadable) {
            printer.summary(
                    "%s chain '%s' into %s, but it could not be verified there: %s",
                    verb, target.chain(), target.store().describe(), unreadable.describe());
            printer.json(json.put("unreadableAt", unreadable.seq()).put("detail", unreadable.describe()));
            return ExitCodes.NEWER_VERSION;
        }
        VerificationResult.Broken broken = (VerificationResult.Broken) result;
        printer.summary(
                "%s chain '%s' into %s, but it does NOT verify there: %s",
                verb, target.chain(), target.store().describe(), broken.describe());
        printer.json(json.put("brokenAt", broken.seq()).put("detail", broken.describe()));
        return ExitCodes.FOUND_PROBLEMS;
    }
}

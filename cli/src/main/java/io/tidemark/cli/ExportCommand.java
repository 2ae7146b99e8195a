package io.tidemark.cli;

import io.tidemark.core.chain.VerificationCursor;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.spi.AuditRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "export",
        description = {
            "Write the chain as JSON Lines, one record per line, every field and hash included.",
            "The file appears only when complete. Progress and the summary go to standard error, or with --json the "
                    + "summary to standard output as JSON. Exit code 1 if the chain does not verify (the file is still "
                    + "written), or when the store's tables or collections are missing (nothing is created)."
        })
final class ExportCommand extends StoreCommand {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write.")
    Path out;

    @Override
    int run(Session session, Printer printer) {
        Path target = out.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        VerificationCursor verifier = new VerificationCursor(session.chain());
        VerificationResult.Broken broken = null;
        long count = 0;
        try (Stream<AuditRecord> records = session.operator().history();
                BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            Iterator<AuditRecord> iterator = records.iterator();
            while (iterator.hasNext()) {
                AuditRecord record = iterator.next();
                if (broken == null) {
                    broken = verifier.accept(record).orElse(null);
                }
                writer.write(RecordJson.toLine(record));
                writer.newLine();
                if (++count % 1_000 == 0) {
                    printer.progress("exported %d records...", count);
                }
            }
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new InvalidInputException("Could not write the export to " + partial + " (" + e
                    + "): check that the directory exists and is writable. Nothing was exported.");
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new InvalidInputException("Could not move the finished export " + partial + " to " + target + " (" + e
                    + "); check the target path.");
        }
        var json = RecordJson.MAPPER
                .createObjectNode()
                .put("chain", session.chain())
                .put("records", count)
                .put("file", target.toString())
                .put("intact", broken == null);
        if (broken == null) {
            VerificationResult.Intact intact = verifier.result();
            printer.summary(
                    "Exported %d records of chain '%s' to %s; tip hash %s",
                    count, session.chain(), target, intact.tipHash());
            printer.json(json.put("tipHash", intact.tipHash()));
            return ExitCodes.OK;
        }
        printer.summary(
                "Exported %d records of chain '%s' to %s, but the chain does NOT verify: %s",
                count, session.chain(), target, broken.describe());
        printer.json(json.put("brokenAt", broken.seq()).put("detail", broken.describe()));
        return ExitCodes.FOUND_PROBLEMS;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the message about the original failure matters more
        }
    }
}

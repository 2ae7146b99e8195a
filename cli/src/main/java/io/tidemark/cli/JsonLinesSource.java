package io.tidemark.cli;

import io.tidemark.core.operator.RecordSource;
import io.tidemark.spi.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** A JSON Lines export read as records, each malformed line named by file and line number. Blank lines are skipped. */
record JsonLinesSource(Path file) implements RecordSource {

    @Override
    public Stream<AuditRecord> open() {
        Stream<String> lines;
        try {
            lines = Files.lines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Import file " + file.toAbsolutePath() + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        AtomicLong number = new AtomicLong();
        return lines.map(line -> new Object() {
                    final long at = number.incrementAndGet();
                    final String text = line;
                })
                .filter(l -> !l.text.isBlank())
                .map(l -> RecordJson.fromLine(l.text, file.getFileName() + " line " + l.at));
    }
}

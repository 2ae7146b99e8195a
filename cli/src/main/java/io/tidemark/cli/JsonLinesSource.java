package io.tidemark.cli;

import io.tidemark.core.operator.RecordSource;
import io.tidemark.spi.AuditRecord;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A JSON Lines export read as records, each malformed line named by file and line number. Blank lines are skipped.
 *
 * <p>A file that cannot be read as UTF-8 text (a directory, a file without read permission, bytes that are not
 * UTF-8) is invalid input like a malformed line: an {@link InvalidInputException} naming the file, and the line for
 * bytes that are not UTF-8, never an I/O exception with its stack trace.
 */
record JsonLinesSource(Path file) implements RecordSource {

    @Override
    public Stream<AuditRecord> open() {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new InvalidInputException(
                    "Import file " + absolute + " is a directory: give the file that tidemark export wrote");
        }
        InputStream reader;
        try {
            reader = new BufferedInputStream(Files.newInputStream(absolute));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Import file " + absolute + " does not exist");
        } catch (IOException e) {
            throw unreadable(absolute, e);
        }
        Iterator<AuditRecord> records = new Iterator<>() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private long number;
            private String next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    String line = readLine();
                    if (line == null) {
                        return false;
                    }
                    number++;
                    if (!line.isBlank()) {
                        next = line;
                    }
                }
                return true;
            }

            @Override
            public AuditRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String line = next;
                next = null;
                return RecordJson.fromLine(line, file.getFileName() + " line " + number);
            }

            /** The next line without its terminator ({@code \n} or {@code \r\n}), decoded strictly; null at the end. */
            private String readLine() {
                try {
                    bytes.reset();
                    int b = reader.read();
                    if (b < 0) {
                        return null;
                    }
                    while (b >= 0 && b != '\n') {
                        bytes.write(b);
                        b = reader.read();
                    }
                    byte[] line = bytes.toByteArray();
                    int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
                    return StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(line, 0, length))
                            .toString();
                } catch (CharacterCodingException e) {
                    throw new InvalidInputException(file.getFileName() + " line " + (number + 1)
                            + ": not UTF-8 text. An export is written in UTF-8: convert the file "
                            + "back to UTF-8, or export the chain again.");
                } catch (IOException e) {
                    throw unreadable(absolute, e);
                }
            }
        };
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static InvalidInputException unreadable(Path file, IOException e) {
        return new InvalidInputException(
                "Could not read import file " + file + " (" + e + "): check that it exists and is readable.");
    }
}

package io.tidemark.processor.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What slf4j-simple (writing to {@code System.err} as it is when each line is written) prints while
 * this is open; a copy of audit-core's test helper of the same name.
 */
public final class CapturedLog implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private CapturedLog() {
        this.original = System.err;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (copy) {
                    copy.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing. */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** The lines printed so far that contain {@code text}. */
    public List<String> linesContaining(String text) {
        synchronized (copy) {
            return Arrays.stream(copy.toString(StandardCharsets.UTF_8).split("\\R"))
                    .filter(l -> l.contains(text))
                    .toList();
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}

package io.tidemark.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * One command line run in-process, as {@code java -jar tidemark-cli.jar ...} would run it, with its
 * exit code and what it printed.
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String stdin, Map<String, String> environment, String... args) {
        return of(Clock.systemUTC(), stdin, environment, args);
    }

    /** A run whose clock (the command line's and the store's) is {@code clock}. */
    static CliRun of(Clock clock, String stdin, Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TidemarkCli.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                environment,
                clock);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun of(String... args) {
        return of("", Map.of(), args);
    }

    /** Standard output as JSON: exactly one document and nothing else. */
    JsonNode json() {
        try {
            return RecordJson.MAPPER
                    .readerFor(JsonNode.class)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not one JSON document: " + out + "\nstderr: " + err, e);
        }
    }

    /** The lines of standard output wider than {@code width} characters. */
    List<String> outLinesWiderThan(int width) {
        return out.lines().filter(line -> line.length() > width).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}

package io.tidemark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Where a command writes: results to standard output (text or JSON), progress and complaints to standard error. */
final class Printer {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    Printer(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** A line of text output; ignored in JSON mode. */
    void line(String format, Object... arguments) {
        if (!json) {
            out.println(String.format(format, arguments));
            out.flush();
        }
    }

    /** The JSON result; ignored in text mode. */
    void json(JsonNode node) {
        if (json) {
            try {
                out.println(RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Output could not be written as JSON", e);
            }
            out.flush();
        }
    }

    /** Progress for a person, on standard error, in either mode. */
    void progress(String format, Object... arguments) {
        err.println(String.format(format, arguments));
        err.flush();
    }

    /** A table with a header row; columns as wide as their widest cell, the last one unpadded. */
    void table(List<String> header, List<List<String>> rows) {
        if (json) {
            return;
        }
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                text.append(i == row.size() - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            out.println(text.toString().stripTrailing());
        }
        out.flush();
    }
}

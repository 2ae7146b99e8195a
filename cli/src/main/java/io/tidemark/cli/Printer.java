package io.tidemark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a command writes. Standard output carries the command's result: its text, or with
 * {@code --json} one JSON document and nothing else. Standard error carries what a person watches
 * while it runs: progress, prompts, and the summary of a command whose data goes elsewhere (an
 * export's file, an import's store), so that the summary is printed once and never mixes with data.
 * Text is kept within the terminal's width.
 */
final class Printer {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final TerminalWidth width;

    Printer(PrintWriter out, PrintWriter err, boolean json, TerminalWidth width) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.width = width;
    }

    boolean json() {
        return json;
    }

    /** The number of columns text output may use. */
    int width() {
        return width.columns();
    }

    /** A line of text output; ignored in JSON mode. */
    void line(String format, Object... arguments) {
        text(String.format(format, arguments));
    }

    /** A line of text output taken as it is (no format codes); ignored in JSON mode. */
    void text(String line) {
        if (!json) {
            out.println(line);
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

    /**
     * The closing summary of a command whose data went elsewhere, on standard error and in text mode
     * only: in JSON mode the JSON document on standard output says the same.
     */
    void summary(String format, Object... arguments) {
        if (!json) {
            progress(format, arguments);
        }
    }

    /**
     * A table with a header row, within the terminal's width. Every column is as wide as its widest
     * cell, cells on one line (whitespace collapsed). When that is too wide, the flexible columns give
     * up width (lowest rank first, none below its minimum, cells cut with "..."); when that is not
     * enough, optional columns are left out (lowest rank first) and the layout starts again. Then the
     * flexible columns may narrow below their minimum, down to their heading; a table that still does
     * not fit has its lines cut at the width. The last column is not padded. Ignored in
     * JSON mode.
     */
    void table(List<Column> columns, List<List<String>> rows) {
        if (json) {
            return;
        }
        List<List<String>> all = new ArrayList<>();
        all.add(columns.stream().map(Column::header).toList());
        for (List<String> row : rows) {
            all.add(row.stream()
                    .map(cell -> TextWrap.oneLine(cell, Integer.MAX_VALUE))
                    .toList());
        }
        List<Integer> visible = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            visible.add(i);
        }
        int[] widths = layout(columns, visible, all);
        while (total(widths, visible) > width.columns()) {
            Integer dropped = visible.stream()
                    .filter(i -> columns.get(i).optional())
                    .min((a, b) -> Integer.compare(
                            columns.get(a).dropRank(), columns.get(b).dropRank()))
                    .orElse(null);
            if (dropped == null) {
                break;
            }
            visible.remove(dropped);
            widths = layout(columns, visible, all);
        }
        squeeze(columns, visible, widths);
        for (List<String> row : all) {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < visible.size(); k++) {
                int i = visible.get(k);
                String cell = TextWrap.oneLine(row.get(i), widths[i]);
                text.append(k == visible.size() - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            String line = text.toString().stripTrailing();
            out.println(line.length() > width.columns() ? line.substring(0, width.columns()) : line);
        }
        out.flush();
    }

    /** Natural widths of the visible columns, then the flexible ones narrowed as far as needed and allowed. */
    private int[] layout(List<Column> columns, List<Integer> visible, List<List<String>> rows) {
        int[] widths = new int[columns.size()];
        for (List<String> row : rows) {
            for (int i : visible) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<Integer> order = new ArrayList<>(
                visible.stream().filter(i -> columns.get(i).flexible()).toList());
        order.sort((a, b) ->
                Integer.compare(columns.get(a).shrinkRank(), columns.get(b).shrinkRank()));
        for (int i : order) {
            int overflow = total(widths, visible) - width.columns();
            if (overflow <= 0) {
                break;
            }
            int floor =
                    Math.max(columns.get(i).minWidth(), columns.get(i).header().length());
            widths[i] -= Math.min(overflow, Math.max(0, widths[i] - floor));
        }
        return widths;
    }

    /** Narrows the flexible columns below their minimum, down to their heading, while the table is too wide. */
    private void squeeze(List<Column> columns, List<Integer> visible, int[] widths) {
        List<Integer> order = new ArrayList<>(visible);
        order.sort((a, b) ->
                Integer.compare(columns.get(a).shrinkRank(), columns.get(b).shrinkRank()));
        for (int i : order) {
            int overflow = total(widths, visible) - width.columns();
            if (overflow <= 0) {
                return;
            }
            if (columns.get(i).flexible()) {
                widths[i] -= Math.min(
                        overflow,
                        Math.max(0, widths[i] - columns.get(i).header().length()));
            }
        }
    }

    private static int total(int[] widths, List<Integer> visible) {
        int total = 2 * (visible.size() - 1);
        for (int i : visible) {
            total += widths[i];
        }
        return total;
    }

    /**
     * A table column.
     *
     * @param header     the heading
     * @param flexible   whether the column may become narrower than its widest cell
     * @param minWidth   how narrow a flexible column may become
     * @param shrinkRank among flexible columns, which gives up width first (lowest first)
     * @param optional   whether the column is left out when the table cannot fit otherwise
     * @param dropRank   among optional columns, which is left out first (lowest first)
     */
    record Column(String header, boolean flexible, int minWidth, int shrinkRank, boolean optional, int dropRank) {

        /** A column always as wide as its widest cell. */
        static Column fixed(String header) {
            return new Column(header, false, 0, 0, false, 0);
        }

        /** A column that gives up width down to {@code minWidth}, in {@code rank} order. */
        static Column flexible(String header, int minWidth, int rank) {
            return new Column(header, true, minWidth, rank, false, 0);
        }

        /** This column, left out (in {@code rank} order) when the table cannot fit otherwise. */
        Column optional(int rank) {
            return new Column(header, flexible, minWidth, shrinkRank, true, rank);
        }
    }
}

package io.tidemark.examples.quickstart;

import io.tidemark.spi.AuditRecord;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints an audit chain as a table a person can read: one line per record. */
final class AuditHistoryTable {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String FORMAT = "%4s  %-10s  %-24s  %-5s  %-10s  %8s  %-23s  %-12s  %s";

    private AuditHistoryTable() {}

    static void print(List<AuditRecord> records, PrintStream out) {
        out.println(String.format(
                FORMAT, "seq", "state", "change", "order", "author", "took", "at (UTC)", "hash", "details"));
        for (AuditRecord record : records) {
            out.println(String.format(
                            FORMAT,
                            record.seq(),
                            record.state(),
                            record.changeId().isEmpty() ? "-" : record.changeId(),
                            record.order(),
                            record.author(),
                            record.durationMillis() + " ms",
                            TIME.format(record.timestamp()),
                            record.hash()
                                    .substring(0, Math.min(12, record.hash().length())),
                            details(record))
                    .stripTrailing());
        }
    }

    /** The record's own metadata, the transactional flag, and the error if any. */
    private static String details(AuditRecord record) {
        StringBuilder text = new StringBuilder();
        Map<String, String> own = record.metadata().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("tidemark."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
        own.forEach((key, value) ->
                text.append(text.isEmpty() ? "" : ", ").append(key).append('=').append(value));
        if (record.isTransactional() && record.state().meansApplied()) {
            text.append(text.isEmpty() ? "" : ", ").append("committed in one transaction with this record");
        }
        if (record.state() == io.tidemark.spi.AuditState.CHECKPOINT) {
            text.append(record.metadata().getOrDefault(AuditRecord.META_CHANGE_COUNT, "?"))
                    .append(" changes complete");
        }
        if (record.hasError()) {
            text.append(text.isEmpty() ? "" : ", ")
                    .append(record.errorType())
                    .append(": ")
                    .append(record.errorMessage());
        }
        return text.toString();
    }
}

package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "history",
        description = {
            "The audit log, newest last, as a table.",
            "DETAIL shows who marked a record and why, the metadata its change attached, and its error. The table keeps "
                    + "within the terminal's width (COLUMNS, else 100): long cells are cut, and INSTANCE, MS and ORDER are "
                    + "left out when they do not fit. --json gives every field in full.",
            "Creates nothing: exit code 1 when the store's tables or collections are missing."
        })
final class HistoryCommand extends StoreCommand {

    /** Metadata keys the engine reserves for itself. */
    private static final String RESERVED_PREFIX = "tidemark.";

    /** Times to the second (the sequence orders records), in UTC as stored; --json has them in full. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /**
     * When the table is wider than the terminal, the instance id gives up width, then the detail (down to
     * 40) and the change id (down to 24); if that is not enough, the instance id, the duration and the
     * order are left out, in that order (--json has them), and then the detail narrows further.
     */
    private static final List<Printer.Column> COLUMNS = List.of(
            Printer.Column.fixed("SEQ"),
            Printer.Column.fixed("TIME"),
            Printer.Column.fixed("STATE"),
            Printer.Column.flexible("CHANGE", 24, 3),
            Printer.Column.flexible("ORDER", 5, 4).optional(3),
            Printer.Column.fixed("MS").optional(2),
            Printer.Column.flexible("INSTANCE", 12, 1).optional(1),
            Printer.Column.flexible("DETAIL", 40, 2));

    /** The longest age {@code --since} accepts. */
    static final Duration MAX_AGE = Duration.ofDays(36_500);

    @Option(names = "--change", paramLabel = "ID", description = "Only records of this change.")
    String change;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "Only records from this time: an instant (2026-03-01T09:00:00Z), a date (2026-03-01, UTC) "
                    + "or an age (30m, 12h, 7d).")
    String since;

    @Option(
            names = "--state",
            paramLabel = "STATE",
            description = "Only records in this state: ${COMPLETION-CANDIDATES}.")
    AuditState state;

    @Option(names = "--limit", paramLabel = "N", description = "Only the newest N records that match.")
    Integer limit;

    private Instant from;

    @Override
    void validate() {
        if (limit != null && limit < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        from = since == null ? null : parseSince(since, root().clock().instant());
    }

    @Override
    int run(Session session, Printer printer) {
        Deque<AuditRecord> kept = new ArrayDeque<>();
        try (Stream<AuditRecord> records = session.operator().history()) {
            records.filter(r -> change == null || r.changeId().equals(change))
                    .filter(r -> state == null || r.state() == state)
                    .filter(r -> from == null || !r.timestamp().isBefore(from))
                    .forEach(r -> {
                        kept.addLast(r);
                        if (limit != null && kept.size() > limit) {
                            kept.removeFirst();
                        }
                    });
        }
        printer.table(
                COLUMNS,
                kept.stream()
                        .map(r -> List.of(
                                Long.toString(r.seq()),
                                TIME.format(r.timestamp()),
                                r.state().name(),
                                r.changeId().isEmpty() ? "-" : r.changeId(),
                                r.order().isEmpty() ? "-" : r.order(),
                                Long.toString(r.durationMillis()),
                                r.instanceId(),
                                detail(r)))
                        .toList());
        if (kept.isEmpty()) {
            printer.line("(no records match)");
        }
        ArrayNode json = RecordJson.MAPPER.createArrayNode();
        kept.forEach(r -> json.add(RecordJson.toJson(r)));
        printer.json(json);
        return ExitCodes.OK;
    }

    /**
     * What a person wants to know of a record beyond its state: who marked it and why, the metadata its
     * change attached, and its error (the exception's simple class name and message). The engine's other
     * {@code tidemark.*} keys (the transactional flag, a checkpoint's digest) are left to {@code --json},
     * as is the error's full class name.
     */
    static String detail(AuditRecord record) {
        List<String> parts = new ArrayList<>();
        String operator = record.metadata().get(AuditRecord.META_OPERATOR);
        String reason = record.metadata().get(AuditRecord.META_REASON);
        if (operator != null || reason != null) {
            parts.add("by " + (operator == null ? "?" : operator) + (reason == null ? "" : ": " + reason));
        }
        new TreeMap<>(record.metadata()).forEach((key, value) -> {
            if (!key.startsWith(RESERVED_PREFIX)) {
                parts.add(key + "=" + value);
            }
        });
        if (record.hasError()) {
            String type = record.errorType();
            parts.add(type.substring(type.lastIndexOf('.') + 1) + ": " + record.errorMessage());
        }
        return String.join("; ", parts);
    }

    /** An age of at most {@link #MAX_AGE}; longer ones (including those too large to compute) are invalid input. */
    private static Duration age(String text, String amount, String unit) {
        Duration duration;
        try {
            long value = Long.parseLong(amount);
            duration = switch (unit) {
                case "m" -> Duration.ofMinutes(value);
                case "h" -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            };
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            duration = null;
        }
        if (duration == null || duration.compareTo(MAX_AGE) > 0) {
            throw new InvalidInputException("--since '" + text + "' is too far back: an age may be at most "
                    + MAX_AGE.toDays() + "d (100 years); for older records give a date such as 1990-01-01");
        }
        return duration;
    }

    private Instant parseSince(String text, Instant now) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                java.util.regex.Matcher age =
                        java.util.regex.Pattern.compile("(\\d+)([mhd])").matcher(text);
                if (age.matches()) {
                    return now.minus(age(text, age.group(1), age.group(2)));
                }
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "--since '" + text
                                + "' is not an instant (2026-03-01T09:00:00Z), a date (2026-03-01) or an age (30m, 12h, 7d)");
            }
        }
    }
}

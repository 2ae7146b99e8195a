package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", description = "The audit log, newest last, as a table.")
final class HistoryCommand extends StoreCommand {

    /** The longest age {@code --since} accepts. */
    static final Duration MAX_AGE = Duration.ofDays(36_500);

    @Option(names = "--change", paramLabel = "ID", description = "Only records of this change.")
    String change;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only records from this time: an instant (2026-03-01T09:00:00Z), a date (2026-03-01, UTC) "
                    + "or an age (30m, 12h, 7d).")
    String since;

    @Option(names = "--state", paramLabel = "STATE", description = "Only records in this state: ${COMPLETION-CANDIDATES}.")
    AuditState state;

    @Option(names = "--limit", paramLabel = "N", description = "Only the newest N records that match.")
    Integer limit;

    @Override
    int run(Session session, Printer printer) {
        if (limit != null && limit < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        Instant from = since == null ? null : parseSince(since, root().clock().instant());
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
        printer.table(List.of("SEQ", "TIME", "STATE", "CHANGE", "ORDER", "MS", "INSTANCE", "DETAIL"),
                kept.stream().map(r -> List.of(Long.toString(r.seq()), r.timestamp().toString(), r.state().name(),
                        r.changeId(), r.order(), Long.toString(r.durationMillis()), r.instanceId(), detail(r))).toList());
        if (kept.isEmpty()) {
            printer.line("(no records match)");
        }
        ArrayNode json = RecordJson.MAPPER.createArrayNode();
        kept.forEach(r -> json.add(RecordJson.toJson(r)));
        printer.json(json);
        return ExitCodes.OK;
    }

    static String detail(AuditRecord record) {
        if (record.hasError()) {
            return record.errorType() + ": " + oneLine(record.errorMessage());
        }
        String operator = record.metadata().get(AuditRecord.META_OPERATOR);
        if (operator != null) {
            return "by " + operator + ": " + oneLine(record.metadata().getOrDefault(AuditRecord.META_REASON, ""));
        }
        return "";
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
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
                java.util.regex.Matcher age = java.util.regex.Pattern.compile("(\\d+)([mhd])").matcher(text);
                if (age.matches()) {
                    return now.minus(age(text, age.group(1), age.group(2)));
                }
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--since '" + text
                        + "' is not an instant (2026-03-01T09:00:00Z), a date (2026-03-01) or an age (30m, 12h, 7d)");
            }
        }
    }
}

package io.tidemark.core.internal.operator;

import io.tidemark.core.internal.engine.RecordDrafts;
import io.tidemark.core.internal.text.RecordText;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.MongockEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one entry of Mongock's change log means for a Tidemark chain: the one place that knows
 * Mongock's states and types, checks an entry, and drafts the record it becomes.
 *
 * <table>
 *   <caption>Mongock state and what is appended</caption>
 *   <tr><th>Mongock {@code state}</th><th>record appended</th></tr>
 *   <tr><td>{@code EXECUTED}, or none (Mongock 3 and 4)</td><td>{@code MARKED_APPLIED}</td></tr>
 *   <tr><td>{@code FAILED}</td><td>{@code FAILED}, with the execution error (an issue)</td></tr>
 *   <tr><td>{@code ROLLED_BACK}</td><td>{@code ROLLED_BACK} (the change runs again)</td></tr>
 *   <tr><td>{@code ROLLBACK_FAILED}</td><td>{@code ROLLBACK_FAILED}, with the rollback error (an issue)</td></tr>
 *   <tr><td>{@code IGNORED}</td><td>nothing</td></tr>
 * </table>
 *
 * <p>Every record carries {@value #IMPORTED_FROM}{@code =mongock} (the key is in the engine's reserved
 * {@code tidemark.} space, so no change unit can forge it) and Mongock's own fields under
 * {@code mongock.*}. An entry is identified across imports by its execution id, change id and state.
 */
final class MongockEntryMapping {

    /** Metadata key marking a record appended by an import of Mongock's change log; its value is {@code mongock}. */
    static final String IMPORTED_FROM = "tidemark.importedFrom";

    static final String MONGOCK = "mongock";
    static final String EXECUTION_ID = "mongock.executionId";
    static final String STATE = "mongock.state";

    /** Mongock's own system change units live here; their entries are skipped even without the flag. */
    private static final String SYSTEM_PACKAGE = "io.mongock.runner.core.executor.system.";

    private static final List<String> STATES =
            List.of("EXECUTED", "FAILED", "ROLLED_BACK", "ROLLBACK_FAILED", "IGNORED");
    private static final List<String> TYPES = List.of("EXECUTION", "BEFORE_EXECUTION");
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$.]*");

    private MongockEntryMapping() {}

    /** Mongock's state, {@code EXECUTED} for an entry written before Mongock recorded states. */
    static String stateOf(MongockEntry entry) {
        return entry.state().isEmpty() ? "EXECUTED" : entry.state();
    }

    static boolean isSystemChange(MongockEntry entry) {
        return entry.systemChange() || entry.changeLogClass().startsWith(SYSTEM_PACKAGE);
    }

    static boolean isIgnored(MongockEntry entry) {
        return stateOf(entry).equals("IGNORED");
    }

    /** What is wrong with {@code entry}, each problem naming it and saying what to do; empty when it can be imported. */
    static List<String> problemsWith(MongockEntry entry) {
        List<String> problems = new java.util.ArrayList<>();
        String where = "Entry " + entry.position()
                + (entry.changeId().isEmpty() ? "" : " (change '" + RecordText.repaired(entry.changeId()) + "')");
        if (!STATES.contains(stateOf(entry))) {
            problems.add(where + " has state '" + RecordText.repaired(entry.state()) + "', which Mongock 5 does not "
                    + "write (it writes " + String.join(", ", STATES) + "): it was edited or written by another tool. "
                    + "Correct or remove it in Mongock's change log, then import again.");
        }
        if (!entry.type().isEmpty() && !TYPES.contains(entry.type())) {
            problems.add(where + " has type '" + RecordText.repaired(entry.type()) + "', which Mongock 5 does not "
                    + "write (it writes " + String.join(" or ", TYPES) + "). Correct or remove it, then import again.");
        }
        if (entry.changeId().isBlank()) {
            problems.add(where + " has no changeId, so no change unit can match it. Correct or remove it, then "
                    + "import again.");
        }
        if (entry.timestamp().isEmpty()) {
            problems.add(where + " has no readable timestamp, so it cannot be placed in order. Correct or remove "
                    + "it, then import again.");
        }
        RecordText.problemWithIdentifier(
                        entry.changeId(), "change id of entry " + entry.position(), RecordText.MAX_ID_LENGTH)
                .ifPresent(problems::add);
        RecordText.problemWithIdentifier(
                        entry.author(), "author of entry " + entry.position(), RecordText.MAX_ID_LENGTH)
                .ifPresent(problems::add);
        // Kept verbatim as a metadata value and compared by a later import to recognise the entry, so it
        // must fit that value whole: checked here, it refuses the import before anything is appended.
        RecordText.problemWithIdentifier(
                        entry.executionId(),
                        "executionId of entry " + entry.position()
                                + (entry.changeId().isEmpty()
                                        ? ""
                                        : " (change '" + RecordText.repaired(entry.changeId()) + "')"),
                        RecordText.MAX_METADATA_VALUE_LENGTH)
                .ifPresent(problems::add);
        RecordText.problemWithIdentifier(
                        entry.changeLogClass(),
                        "changeLogClass of entry " + entry.position(),
                        RecordText.MAX_NAME_LENGTH)
                .ifPresent(problems::add);
        RecordText.problemWithIdentifier(
                        entry.changeSetMethod(),
                        "changeSetMethod of entry " + entry.position(),
                        RecordText.MAX_NAME_LENGTH)
                .ifPresent(problems::add);
        return problems;
    }

    /** The key an imported record keeps of its entry, to recognise it in a later import. */
    static String keyOf(MongockEntry entry) {
        return keyOf(entry.executionId(), entry.changeId(), stateOf(entry));
    }

    /** The key of the entry {@code record} was imported from, or empty when an import did not write it. */
    static Optional<String> keyOf(AuditRecord record) {
        Map<String, String> metadata = record.metadata();
        if (!MONGOCK.equals(metadata.get(IMPORTED_FROM))) {
            return Optional.empty();
        }
        return Optional.of(
                keyOf(metadata.getOrDefault(EXECUTION_ID, ""), record.changeId(), metadata.getOrDefault(STATE, "")));
    }

    private static String keyOf(String executionId, String changeId, String state) {
        return executionId.length() + ":" + executionId + "|" + changeId.length() + ":" + changeId + "|" + state;
    }

    /** The state of the record {@code entry} becomes. */
    static AuditState recordState(MongockEntry entry) {
        return switch (stateOf(entry)) {
            case "FAILED" -> AuditState.FAILED;
            case "ROLLED_BACK" -> AuditState.ROLLED_BACK;
            case "ROLLBACK_FAILED" -> AuditState.ROLLBACK_FAILED;
            default -> AuditState.MARKED_APPLIED;
        };
    }

    /**
     * The draft of the record {@code entry} becomes, from the import's drafts (execution id, time, host
     * and instance of the import), naming the operator and {@code reason}.
     */
    static AuditRecord.Builder draft(RecordDrafts drafts, MongockEntry entry, String operator, String reason) {
        AuditState state = recordState(entry);
        AuditRecord.Builder draft = drafts.forMark(entry.changeId(), state, Optional.empty(), operator, reason)
                .author(entry.author())
                .className(entry.changeLogClass())
                .methodName(entry.changeSetMethod())
                .durationMillis(state == AuditState.MARKED_APPLIED ? 0 : Math.max(0, entry.executionMillis()));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(AuditRecord.META_OPERATOR, operator);
        metadata.put(AuditRecord.META_REASON, reason);
        metadata.put(IMPORTED_FROM, MONGOCK);
        metadata.put(EXECUTION_ID, entry.executionId());
        metadata.put(STATE, stateOf(entry));
        put(metadata, "mongock.author", entry.author());
        put(
                metadata,
                "mongock.timestamp",
                entry.timestamp().map(Instant::toString).orElse(""));
        put(metadata, "mongock.type", entry.type().isEmpty() ? "EXECUTION" : entry.type());
        put(metadata, "mongock.changeLogClass", entry.changeLogClass());
        put(metadata, "mongock.changeSetMethod", entry.changeSetMethod());
        put(metadata, "mongock.executionHostname", entry.executionHostname());
        put(metadata, "mongock.executionMillis", Long.toString(entry.executionMillis()));
        put(metadata, "mongock.metadata", entry.metadata());
        Optional<String> executionError = errorOf(entry.errorTrace(), "execution-error");
        Optional<String> rollbackError = errorOf(entry.errorTrace(), "rollback-error");
        executionError.ifPresent(error -> put(metadata, "mongock.executionError", error));
        rollbackError.ifPresent(error -> put(metadata, "mongock.rollbackError", error));
        if (state == AuditState.FAILED || state == AuditState.ROLLBACK_FAILED) {
            Optional<String> error =
                    state == AuditState.ROLLBACK_FAILED ? rollbackError.or(() -> executionError) : executionError;
            String trace = error.orElse(entry.errorTrace());
            draft.errorType(trace.isBlank() ? "unknown" : errorTypeOf(trace))
                    .errorMessage(
                            trace.isBlank()
                                    ? "Mongock recorded this change as " + stateOf(entry) + " without an error trace"
                                    : RecordText.bounded(trace, RecordText.MAX_ERROR_MESSAGE_LENGTH));
        }
        return draft.metadata(metadata);
    }

    private static void put(Map<String, String> metadata, String key, String value) {
        if (!value.isEmpty()) {
            metadata.put(key, RecordText.bounded(value, RecordText.MAX_METADATA_VALUE_LENGTH));
        }
    }

    /** The exception class a stack trace starts with ({@code java.lang.IllegalStateException: ...}), or "unknown". */
    static String errorTypeOf(String trace) {
        String firstLine = trace.strip().lines().findFirst().orElse("");
        int colon = firstLine.indexOf(':');
        String candidate = (colon < 0 ? firstLine : firstLine.substring(0, colon)).strip();
        return CLASS_NAME.matcher(candidate).matches() ? candidate : "unknown";
    }

    /**
     * The string value of {@code field} in Mongock's error trace, a JSON object Mongock 5 writes with
     * Gson ({@code {"execution-error":"...","rollback-error":"..."}}); empty when the trace is not such an
     * object or lacks the field.
     */
    static Optional<String> errorOf(String errorTrace, String field) {
        String key = "\"" + field + "\"";
        int at = errorTrace.indexOf(key);
        if (!errorTrace.strip().startsWith("{") || at < 0) {
            return Optional.empty();
        }
        int i = at + key.length();
        while (i < errorTrace.length() && Character.isWhitespace(errorTrace.charAt(i))) {
            i++;
        }
        if (i >= errorTrace.length() || errorTrace.charAt(i) != ':') {
            return Optional.empty();
        }
        i++;
        while (i < errorTrace.length() && Character.isWhitespace(errorTrace.charAt(i))) {
            i++;
        }
        if (i >= errorTrace.length() || errorTrace.charAt(i) != '"') {
            return Optional.empty();
        }
        return decodeJsonString(errorTrace, i + 1);
    }

    private static Optional<String> decodeJsonString(String json, int start) {
        StringBuilder value = new StringBuilder();
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return Optional.of(value.toString());
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (++i >= json.length()) {
                return Optional.empty();
            }
            char escaped = json.charAt(i);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'u' -> {
                    if (i + 4 >= json.length()) {
                        return Optional.empty();
                    }
                    try {
                        value.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                    i += 4;
                }
                default -> value.append(escaped);
            }
        }
        return Optional.empty();
    }
}

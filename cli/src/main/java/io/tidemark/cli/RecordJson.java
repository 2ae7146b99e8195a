package io.tidemark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An audit record as one JSON object, every field included: the format of {@code export},
 * {@code import} and {@code --json} output. Timestamps are ISO-8601 instants in UTC with
 * milliseconds; metadata is an object of strings. Reading is strict: every field must be present
 * with the right type and no unknown field is accepted, so that a file that was edited or cut off
 * is refused with its line number rather than imported with a wrong hash.
 */
final class RecordJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final List<String> FIELDS = List.of(
            "chain",
            "seq",
            "executionId",
            "changeId",
            "author",
            "order",
            "state",
            "timestamp",
            "durationMillis",
            "host",
            "instanceId",
            "className",
            "methodName",
            "errorType",
            "errorMessage",
            "metadata",
            "previousHash",
            "hash");

    private RecordJson() {}

    static ObjectNode toJson(AuditRecord record) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("chain", record.chain());
        node.put("seq", record.seq());
        node.put("executionId", record.executionId());
        node.put("changeId", record.changeId());
        node.put("author", record.author());
        node.put("order", record.order());
        node.put("state", record.state().name());
        node.put("timestamp", record.timestamp().toString());
        node.put("durationMillis", record.durationMillis());
        node.put("host", record.host());
        node.put("instanceId", record.instanceId());
        node.put("className", record.className());
        node.put("methodName", record.methodName());
        node.put("errorType", record.errorType());
        node.put("errorMessage", record.errorMessage());
        ObjectNode metadata = node.putObject("metadata");
        record.metadata().forEach(metadata::put);
        node.put("previousHash", record.previousHash());
        node.put("hash", record.hash());
        return node;
    }

    static String toLine(AuditRecord record) {
        try {
            return MAPPER.writeValueAsString(toJson(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record could not be written as JSON", e);
        }
    }

    /**
     * Parses one line.
     *
     * @param where names the line in messages, e.g. "export.jsonl line 7"
     * @throws InvalidInputException naming {@code where} and what is wrong
     */
    static AuditRecord fromLine(String line, String where) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(where + ": expected one JSON object per line");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException(where + ": unknown field '" + name + "'");
            }
        }
        Reader reader = new Reader(node, where);
        String state = reader.text("state");
        if (!Set.of(names(AuditState.values())).contains(state)) {
            throw new InvalidInputException(where + ": field 'state' is '" + state + "', expected one of "
                    + List.of(names(AuditState.values())));
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(reader.text("timestamp"));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(where + ": field 'timestamp' is not an ISO-8601 instant");
        }
        return AuditRecord.builder()
                .chain(reader.text("chain"))
                .seq(reader.number("seq"))
                .executionId(reader.text("executionId"))
                .changeId(reader.text("changeId"))
                .author(reader.text("author"))
                .order(reader.text("order"))
                .state(AuditState.valueOf(state))
                .timestamp(timestamp)
                .durationMillis(reader.number("durationMillis"))
                .host(reader.text("host"))
                .instanceId(reader.text("instanceId"))
                .className(reader.text("className"))
                .methodName(reader.text("methodName"))
                .errorType(reader.text("errorType"))
                .errorMessage(reader.text("errorMessage"))
                .metadata(reader.metadata())
                .previousHash(reader.text("previousHash"))
                .hash(reader.text("hash"))
                .build();
    }

    private static String[] names(AuditState[] states) {
        String[] names = new String[states.length];
        for (int i = 0; i < states.length; i++) {
            names[i] = states[i].name();
        }
        return names;
    }

    /** Reads required fields of one object, naming the line and field in every complaint. */
    private record Reader(JsonNode node, String where) {
        JsonNode field(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new InvalidInputException(where + ": missing field '" + name + "'");
            }
            return value;
        }

        String text(String name) {
            JsonNode value = field(name);
            if (!value.isTextual()) {
                throw new InvalidInputException(where + ": field '" + name + "' must be a string");
            }
            return value.textValue();
        }

        long number(String name) {
            JsonNode value = field(name);
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw new InvalidInputException(where + ": field '" + name + "' must be a whole number");
            }
            return value.longValue();
        }

        Map<String, String> metadata() {
            JsonNode value = field("metadata");
            if (!value.isObject()) {
                throw new InvalidInputException(where + ": field 'metadata' must be an object of strings");
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            value.properties().forEach(entry -> {
                if (!entry.getValue().isTextual()) {
                    throw new InvalidInputException(where + ": metadata '" + entry.getKey() + "' must be a string");
                }
                metadata.put(entry.getKey(), entry.getValue().textValue());
            });
            return metadata;
        }
    }
}

package io.tidemark.core.mongock;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.spi.MongockEntry;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Mongock's document shape read once for every document store: the MongoDB and Couchbase adapters
 * give their documents' fields by name, and this decides what each value means.
 */
class MongockEntryFromDocumentTest {

    /** A nested document of a pretend store: a map, whose JSON this test writes by hand. */
    private static Optional<String> json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return Optional.of(map.isEmpty() ? "" : "{\"rows\": " + map.get("rows") + "}");
        }
        return Optional.empty();
    }

    private static MongockEntry entry(Map<String, Object> fields) {
        return MongockEntry.fromDocument("_id 42", fields::get, MongockEntryFromDocumentTest::json);
    }

    @Test
    void readsEveryFieldUnderMongocksNames() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("executionId", "run-1");
        fields.put("changeId", "seed-orders");
        fields.put("author", "ana");
        fields.put("timestamp", new Date(1_000));
        fields.put("state", "EXECUTED");
        fields.put("type", "EXECUTION");
        fields.put("changeLogClass", "com.example.SeedOrders");
        fields.put("changeSetMethod", "apply");
        fields.put("metadata", Map.of("rows", 12));
        fields.put("executionMillis", 35);
        fields.put("executionHostname", "host-a");
        fields.put("errorTrace", "");
        fields.put("systemChange", true);

        MongockEntry entry = entry(fields);

        assertThat(entry)
                .isEqualTo(new MongockEntry(
                        "_id 42",
                        "run-1",
                        "seed-orders",
                        "ana",
                        Optional.of(Instant.ofEpochMilli(1_000)),
                        "EXECUTED",
                        "EXECUTION",
                        "com.example.SeedOrders",
                        "apply",
                        "{\"rows\": 12}",
                        35,
                        "host-a",
                        "",
                        true));
    }

    @Test
    void aTimestampIsADateEpochMillisecondsOrIsoTextAndNothingElse() {
        assertThat(entry(Map.of("timestamp", new Date(5))).timestamp()).contains(Instant.ofEpochMilli(5));
        assertThat(entry(Map.of("timestamp", 7L)).timestamp()).contains(Instant.ofEpochMilli(7));
        assertThat(entry(Map.of("timestamp", "2024-02-03T04:05:06Z")).timestamp())
                .contains(Instant.parse("2024-02-03T04:05:06Z"));
        assertThat(entry(Map.of("timestamp", "yesterday")).timestamp()).isEmpty();
        assertThat(entry(Map.of("timestamp", true)).timestamp()).isEmpty();
        assertThat(entry(Map.of()).timestamp()).isEmpty();
    }

    @Test
    void absentOrOddlyTypedFieldsReadAsEmptyTextNoDurationAndNoSystemChange() {
        MongockEntry entry = entry(Map.of("executionMillis", "35", "systemChange", "true", "metadata", Map.of()));

        assertThat(entry.changeId()).isEmpty();
        assertThat(entry.state()).isEmpty();
        assertThat(entry.executionMillis()).isEqualTo(-1);
        assertThat(entry.systemChange()).isFalse();
        assertThat(entry.metadata()).as("an empty nested document").isEmpty();
        assertThat(entry(Map.of("metadata", "plain text")).metadata()).isEqualTo("plain text");
    }
}

package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.couchbase.client.java.Collection;
import com.couchbase.client.java.json.JsonObject;
import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.operator.MongockImport;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.MongockEntry;
import io.tidemark.tck.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reading Mongock's change log from documents in the shape Mongock 5's {@code couchbase-driver} writes
 * (its keys, {@code _doctype} and fields), and importing it. Mongock's real driver cannot run on
 * CouchbaseMock: it creates an index and lists its entries with SQL++, which CouchbaseMock does not
 * serve. For the same reason these tests list the keys of the documents they wrote instead of querying
 * them; the listing query needs a real server, and on CouchbaseMock it fails with the explanation
 * checked below.
 */
class CouchbaseMongockChangeLogTest {

    private final CouchbaseMockServer server = CouchbaseMockServer.shared();
    private final String run = "run-" + UUID.randomUUID();
    private final List<String> keys = new ArrayList<>();

    private CouchbaseAuditStore store() {
        return CouchbaseAuditStore.builder(server.cluster(), server.bucket())
                .keyPrefix("m" + run.substring(4, 12))
                .clock(MutableClock.atFixedStart())
                .build();
    }

    /** Writes an entry as Mongock's driver does: key {@code mongockChangeEntry-<executionId>-<author>-<changeId>}. */
    private void write(String changeId, String state, long millis, String errorTrace) {
        String key = "mongockChangeEntry-" + run + "-ana-" + changeId;
        JsonObject document = JsonObject.create()
                .put("executionId", run)
                .put("changeId", changeId)
                .put("author", "ana")
                .put("timestamp", millis)
                .put("state", state)
                .put("type", "EXECUTION")
                .put("changeLogClass", "com.example.Units")
                .put("changeSetMethod", "execution")
                .put("metadata", JsonObject.create().put("team", "payments"))
                .put("executionMillis", 9L)
                .put("executionHostname", "app-1")
                .put("systemChange", false)
                .put("_doctype", "mongockChangeEntry");
        if (errorTrace != null) {
            document.put("errorTrace", errorTrace);
        }
        Collection collection = server.cluster().bucket(server.bucket()).defaultCollection();
        collection.upsert(key, document);
        keys.add(key);
    }

    private CouchbaseMongockChangeLog changeLog(CouchbaseAuditStore store) {
        return new CouchbaseMongockChangeLog(store.requests(), "_default", log -> List.copyOf(keys));
    }

    @Test
    void documentsAreReadFieldForField() {
        write("create-users", "EXECUTED", 1_000, null);
        write("seed-users", "FAILED", 2_000, "{\"execution-error\":\"java.lang.IllegalStateException: boom\"}");

        List<MongockEntry> entries;
        try (Stream<MongockEntry> stream = changeLog(store()).entries()) {
            entries = stream.toList();
        }

        assertThat(entries).extracting(MongockEntry::changeId).containsExactly("create-users", "seed-users");
        MongockEntry first = entries.get(0);
        assertThat(first.position()).isEqualTo("key mongockChangeEntry-" + run + "-ana-create-users");
        assertThat(first.timestamp()).contains(Instant.ofEpochMilli(1_000));
        assertThat(first.metadata()).isEqualTo("{\"team\":\"payments\"}");
        assertThat(first.executionMillis()).isEqualTo(9);
        assertThat(first.errorTrace()).isEmpty();
        assertThat(entries.get(1).errorTrace()).contains("boom");
    }

    @Test
    void theChangeLogIsImported() {
        write("create-users", "EXECUTED", 1_000, null);
        write("seed-users", "FAILED", 2_000, "{\"execution-error\":\"java.lang.IllegalStateException: boom\"}");
        CouchbaseAuditStore store = store();

        try (OperatorApi operator = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .clock(MutableClock.atFixedStart())
                .buildOperator()) {
            MongockImport result = operator.importMongock(changeLog(store), "ana");

            assertThat(result.markedApplied()).isEqualTo(1);
            assertThat(result.issues()).containsExactly("seed-users");
            assertThat(result.verification().isIntact()).isTrue();
            try (Stream<AuditRecord> records = operator.history()) {
                assertThat(records.toList())
                        .extracting(AuditRecord::state, AuditRecord::errorType)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(AuditState.MARKED_APPLIED, ""),
                                org.assertj.core.groups.Tuple.tuple(
                                        AuditState.FAILED, "java.lang.IllegalStateException"));
            }
        }
    }

    @Test
    void withoutAQueryServiceTheListingSaysWhatItNeeds() {
        CouchbaseAuditStore store = store();

        assertThatThrownBy(
                        () -> store.mongockChangeLog("_default").orElseThrow().entries())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("could not be listed with SQL++")
                .hasMessageContaining("query service")
                .hasMessageContaining("idx_mongock_keys");
    }
}

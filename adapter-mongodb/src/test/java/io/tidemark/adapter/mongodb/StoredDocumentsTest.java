package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.tidemark.adapter.mongodb.testing.AuditDocuments;
import io.tidemark.adapter.mongodb.testing.AuditTampering;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import io.tidemark.tck.Verify;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stored shape: typed fields as documented in {@link MongoRecordCodec}, tolerance of harmless
 * edits (so verification can judge them), and clear errors for documents that are not records.
 */
class StoredDocumentsTest {

    private static EmbeddedMongoServer mongo;
    private MongoDatabase database;
    private MongoAuditStore store;
    private String chain;

    @BeforeAll
    static void startServer() {
        mongo = EmbeddedMongoServer.start();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void openStore() {
        database = mongo.client().getDatabase("stored_documents");
        store = MongoAuditStore.builder(mongo.client(), database.getName())
                .clock(MutableClock.atFixedStart())
                .build();
        chain = "chain-" + System.nanoTime();
    }

    private MongoCollection<Document> audit() {
        return database.getCollection("tidemarkAudit");
    }

    @Test
    void aRecordIsStoredWithTypedFields() {
        AuditRecord record = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
        store.append(record);

        Document raw = AuditTampering.of(mongo.client(), database.getName(), "tidemarkAudit")
                .raw(chain, 1);

        assertThat(raw.get("seq")).isEqualTo(1L);
        assertThat(raw.get("timestamp")).isEqualTo(Date.from(record.timestamp()));
        assertThat(raw.get("durationMillis")).isEqualTo(record.durationMillis());
        assertThat(raw.get("state")).isEqualTo("APPLIED");
        assertThat(raw.getList("metadata", Document.class)).containsExactly(new Document("k", "rows").append("v", "1"));
        assertThat(raw.keySet())
                .containsExactly(
                        "_id",
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
    }

    @Test
    void theTestingPackagesDocumentsAreExactlyWhatTheStoreWrites() {
        List<AuditRecord> records = new ArrayList<>(TestRecords.chain(chain, 3));
        records.add(CanonicalEncoding.seal(
                TestRecords.applied(chain, 4, records.get(2).hash()).toBuilder()
                        .metadata(Map.of("b", "2", "a.b", "1", "$x", "y"))
                        .build()));

        for (AuditRecord record : records) {
            assertThat(AuditDocuments.toDocument(record)).isEqualTo(MongoRecordCodec.toDocument(record));
        }
    }

    @Test
    void aSequenceRewrittenAsA32BitNumberStillReadsAndVerifies() {
        List<AuditRecord> records = TestRecords.chain(chain, 3);
        records.forEach(store::append);
        audit().updateOne(new Document("chain", chain).append("seq", 2L), new Document("$set", new Document("seq", 2)));

        assertThat(store.history().readAll(chain).toList()).containsExactlyElementsOf(records);
        assertThat(Verify.chain(store, chain).isIntact()).isTrue();
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithTheDocument() {
        store.append(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH));
        audit().updateOne(new Document("chain", chain), new Document("$set", new Document("timestamp", "yesterday")));

        UnreadableRecordException error = catchThrowableOfType(
                UnreadableRecordException.class,
                () -> store.history().readAll(chain).toList());

        assertThat(error.seq()).isEqualTo(1);
        assertThat(error.field()).isEqualTo("timestamp");
        assertThat(error)
                .hasMessageContaining("stored_documents.tidemarkAudit")
                .hasMessageContaining("_id")
                .hasMessageContaining("timestamp 'String yesterday'")
                .hasMessageContaining("upgrade");
    }

    @Test
    void anUnknownStateAndMissingFieldsAreNamed() {
        audit().insertOne(new Document("chain", chain).append("seq", 1L).append("state", "HALF_DONE"));

        UnreadableRecordException error = catchThrowableOfType(
                UnreadableRecordException.class, () -> store.history().tip(chain));

        assertThat(error.seq()).isEqualTo(1);
        assertThat(error.field()).isEqualTo("executionId");
        assertThat(error).hasMessageContaining("executionId '<missing>'");
    }

    @Test
    void anEditedStateIsReadSoVerificationCanReportIt() {
        TestRecords.chain(chain, 2).forEach(store::append);
        audit().updateOne(
                        new Document("chain", chain).append("seq", 2L),
                        new Document("$set", new Document("state", "FAILED")));

        VerificationResult result = Verify.chain(store, chain);

        assertThat(result)
                .isInstanceOfSatisfying(
                        VerificationResult.Broken.class,
                        broken -> assertThat(broken.seq()).isEqualTo(2));
    }
}

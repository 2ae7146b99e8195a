package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.spi.Diagnosis;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@code tidemark doctor} learns from MongoDB itself, without anything being created. */
class DiagnoseTest {

    private static EmbeddedMongoServer mongo;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongoServer.start();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static MongoAuditStore store(String database, boolean autoCreate) {
        return MongoAuditStore.builder(mongo.client(), database)
                .autoCreate(autoCreate)
                .build();
    }

    @Test
    void preparedCollectionsAreReportedOk() {
        MongoAuditStore store = store("diagnose-ready", true);
        store.initialize();

        List<Diagnosis> findings = store.diagnose();

        assertThat(findings).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(Diagnosis.Status.OK);
            assertThat(d.detail()).contains("tidemarkAudit", "unique index", "tidemarkLock");
        });
    }

    @Test
    void missingPiecesAreProblemsWithTheCommandsThatCreateThemWhenAutoCreateIsOff() {
        List<Diagnosis> findings = store("diagnose-bare", false).diagnose();

        assertThat(findings).hasSize(3).allSatisfy(d -> assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM));
        assertThat(findings)
                .extracting(Diagnosis::detail)
                .anySatisfy(d -> assertThat(d).contains("createIndex({chain: 1, seq: 1}, {unique: true})"));
        assertThat(mongo.client()
                        .getDatabase("diagnose-bare")
                        .listCollectionNames()
                        .into(new java.util.ArrayList<>()))
                .isEmpty();
    }

    @Test
    void missingPiecesAreOnlyWarningsWhenAutoCreateWillMakeThem() {
        List<Diagnosis> findings = store("diagnose-later", true).diagnose();

        assertThat(findings).isNotEmpty().allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(Diagnosis.Status.WARNING);
            assertThat(d.fix()).contains("auto-create is on");
        });
    }

    @Test
    void aPartialUniqueIndexIsAProblemEvenWithAutoCreateOn() {
        MongoDatabase database = mongo.client().getDatabase("diagnose-partial");
        database.getCollection("tidemarkAudit")
                .createIndex(
                        Indexes.ascending("chain", "seq"),
                        new IndexOptions()
                                .unique(true)
                                .name("partialFence")
                                .partialFilterExpression(new Document("state", "FAILED")));
        database.createCollection("tidemarkLock");

        List<Diagnosis> findings = store("diagnose-partial", true).diagnose();

        assertThat(findings)
                .filteredOn(d -> d.status() == Diagnosis.Status.PROBLEM)
                .singleElement()
                .satisfies(
                        d -> assertThat(d.detail()).contains("partialFence", "partial", "dropIndex(\"partialFence\")"));
        assertThat(findings).noneMatch(d -> d.status() == Diagnosis.Status.OK);
    }

    @Test
    void aTimeToLiveIndexOnTheAuditCollectionIsAProblemSinceRecordsWouldBeDeleted() {
        MongoAuditStore store = store("diagnose-audit-ttl", true);
        store.initialize();
        mongo.client()
                .getDatabase("diagnose-audit-ttl")
                .getCollection("tidemarkAudit")
                .createIndex(Indexes.ascending("timestamp"), new IndexOptions().expireAfter(30L, TimeUnit.DAYS));

        List<Diagnosis> findings = store.diagnose();

        assertThat(findings)
                .filteredOn(d -> d.status() == Diagnosis.Status.PROBLEM)
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.detail()).contains("tidemarkAudit", "timestamp_1", "expireAfterSeconds");
                    assertThat(d.fix()).contains("dropIndex(\"timestamp_1\")");
                });
    }

    @Test
    void aTimeToLiveIndexOnTheLockCollectionIsAProblemSinceFencingTokensWouldRestart() {
        MongoAuditStore store = store("diagnose-lock-ttl", true);
        store.initialize();
        mongo.client()
                .getDatabase("diagnose-lock-ttl")
                .getCollection("tidemarkLock")
                .createIndex(
                        Indexes.ascending("expiresAt"),
                        new IndexOptions().name("cleanup").expireAfter(0L, TimeUnit.SECONDS));

        List<Diagnosis> findings = store.diagnose();

        assertThat(findings)
                .filteredOn(d -> d.status() == Diagnosis.Status.PROBLEM)
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.detail()).contains("tidemarkLock", "cleanup", "fencing token");
                    assertThat(d.fix()).contains("db.tidemarkLock.dropIndex(\"cleanup\")");
                });
    }

    @Test
    void anUnreachableServerIsAProblemNotAnException() {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=300")) {
            List<Diagnosis> findings =
                    MongoAuditStore.builder(client, "x").build().diagnose();

            assertThat(findings).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM);
                assertThat(d.fix()).contains("reachable");
            });
        }
    }
}

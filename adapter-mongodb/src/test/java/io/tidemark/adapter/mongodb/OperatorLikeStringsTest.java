package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.mongodb.testing.AuditTampering;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Lease;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Strings that look like MongoDB operators, paths or JavaScript are stored and matched as plain
 * data: they round-trip exactly, match only themselves, and never widen a query to other records.
 */
class OperatorLikeStringsTest {

    private static final String DATABASE = "operator_like";
    private static final List<String> SUSPICIOUS = List.of(
            "{\"$gt\": \"\"}", "$where", "{\"$ne\": null}", "this.changeId != ''", "$", "a.b.c", "{$regex: '.*'}");

    private static EmbeddedMongoServer mongo;
    private AuditStore store;
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
        store = MongoAuditStore.builder(mongo.client(), DATABASE)
                .pageSize(3)
                .clock(MutableClock.atFixedStart())
                .build();
        chain = "chain-" + System.nanoTime();
    }

    private List<AuditRecord> appendOnePerSuspiciousChangeId() {
        List<AuditRecord> records = new ArrayList<>();
        String previous = AuditRecord.GENESIS_HASH;
        records.add(TestRecords.record(chain, 1, previous, "plain-change", AuditState.APPLIED, "e1"));
        for (String changeId : SUSPICIOUS) {
            AuditRecord last = records.get(records.size() - 1);
            records.add(TestRecords.record(chain, last.seq() + 1, last.hash(), changeId, AuditState.APPLIED, "e1"));
        }
        records.forEach(record -> assertThat(store.append(record)).isInstanceOf(AppendResult.Appended.class));
        return records;
    }

    @Test
    void changeIdsThatLookLikeOperatorsRoundTripAndMatchOnlyThemselves() {
        List<AuditRecord> records = appendOnePerSuspiciousChangeId();

        assertThat(store.history().readAll(chain).toList()).containsExactlyElementsOf(records);
        for (AuditRecord record : records) {
            assertThat(store.history().readFrom(chain, record.seq()).findFirst())
                    .contains(record);
        }
        assertThat(store.history().tip(chain)).contains(records.get(records.size() - 1));
    }

    @Test
    void metadataKeysWithDollarsAndDotsAreStoredAsValuesNotFieldNames() {
        Map<String, String> metadata = Map.of(
                "$set",
                "{\"owner\": \"mallory\"}",
                "$where",
                "sleep(1000)",
                "a.b.c",
                "dotted",
                ".",
                "dot",
                "$",
                "dollar",
                "plain",
                "{\"$gt\": \"\"}");
        AuditRecord record = CanonicalEncoding.seal(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH).toBuilder()
                .metadata(metadata)
                .build());

        store.append(record);

        assertThat(store.history().tip(chain)).contains(record);
        Document raw =
                AuditTampering.of(mongo.client(), DATABASE, "tidemarkAudit").raw(chain, 1);
        assertThat(raw.get("metadata")).isInstanceOf(List.class);
        assertThat(raw.getList("metadata", Document.class))
                .extracting(entry -> entry.getString("k"))
                .containsExactly("$", "$set", "$where", ".", "a.b.c", "plain");
        assertThat(raw.keySet()).noneMatch(field -> field.startsWith("$") || field.contains("."));
    }

    @Test
    void aChainNamedLikeAnOperatorSeesOnlyItsOwnRecords() {
        AuditRecord plain = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
        store.append(plain);

        for (String name : SUSPICIOUS) {
            assertThat(store.history().tip(name)).isEmpty();
            assertThat(store.history().readAll(name).toList()).isEmpty();
        }
        AuditRecord odd = TestRecords.applied("{\"$ne\": \"\"}", 1, AuditRecord.GENESIS_HASH);
        assertThat(store.append(odd)).isEqualTo(new AppendResult.Appended(1));
        assertThat(store.history().readAll("{\"$ne\": \"\"}").toList()).containsExactly(odd);
        assertThat(store.history().readAll(chain).toList()).containsExactly(plain);
    }

    @Test
    void lockKeysAndOwnersThatLookLikeOperatorsAreJustNames() {
        String key = "{\"$gt\": \"\"}-" + System.nanoTime();
        Lease lease = store.lockService()
                .tryAcquire(key, "$where", Duration.ofMinutes(1))
                .orElseThrow();

        assertThat(store.lockService().inspect(key)).contains(lease);
        assertThat(store.lockService().tryAcquire(key, "{\"$ne\": null}", Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(store.lockService().inspect("{\"$gt\": \"\"}")).isEmpty();
        store.lockService().release(new Lease(key, "{\"$ne\": null}", lease.expiresAt(), lease.token()));
        assertThat(store.lockService().inspect(key)).contains(lease);
        store.lockService().release(lease);
        assertThat(store.lockService().inspect(key)).isEmpty();
    }
}

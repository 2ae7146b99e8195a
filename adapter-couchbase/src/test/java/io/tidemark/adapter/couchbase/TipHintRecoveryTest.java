package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.couchbase.testing.CouchbaseMockServer;
import io.tidemark.adapter.couchbase.testing.RawAuditDocuments;
import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.core.chain.ChainBreak;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import io.tidemark.tck.Verify;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tip hint is only a hint: a writer that died between its append and the hint update, a hint
 * reset or removed by hand, and gaps left by deleted records are all found by probing record keys.
 */
class TipHintRecoveryTest {

    private static final int PAGE_SIZE = 5;

    private static CouchbaseMockServer server;

    private CouchbaseAuditStore store;
    private RawAuditDocuments raw;
    private String chain;

    @BeforeAll
    static void startMock() {
        server = CouchbaseMockServer.shared();
    }

    @BeforeEach
    void openStore() {
        store = CouchbaseAuditStore.builder(server.cluster(), server.bucket())
                .pageSize(PAGE_SIZE)
                .clock(MutableClock.atFixedStart())
                .build();
        raw = new RawAuditDocuments(
                server.cluster().bucket(server.bucket()).defaultCollection(),
                CouchbaseAuditStore.Builder.DEFAULT_KEY_PREFIX);
        chain = "tip-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private List<AuditRecord> appendChain(int count) {
        List<AuditRecord> records = TestRecords.chain(chain, count);
        records.forEach(record -> assertThat(store.append(record)).isInstanceOf(AppendResult.Appended.class));
        return records;
    }

    /** What a writer that died right after its insert leaves: the record, and the hint one behind. */
    private AuditRecord appendWithoutHintUpdate(AuditRecord previous) {
        AuditRecord next = TestRecords.applied(chain, previous.seq() + 1, previous.hash());
        raw.overwrite(next);
        return next;
    }

    @Test
    void aRecordThatEndsARunMovesTheHint() {
        List<AuditRecord> records = appendChain(3);
        AuditRecord checkpoint =
                TestRecords.record(chain, 4, records.get(2).hash(), "", AuditState.CHECKPOINT, "run-1");

        store.append(checkpoint);

        assertThat(raw.tipHintSeq(chain)).contains(4L);
    }

    /** A completed run of two changes, then the two records of a change of the next run; returns that change's records. */
    private List<AuditRecord> appendARunAndTheNextChange() {
        List<AuditRecord> records = appendChain(2);
        AuditRecord checkpoint =
                TestRecords.record(chain, 3, records.get(1).hash(), "", AuditState.CHECKPOINT, "run-1");
        store.append(checkpoint);
        AuditRecord started = TestRecords.record(chain, 4, checkpoint.hash(), "next", AuditState.STARTED, "run-2");
        AuditRecord applied = TestRecords.record(chain, 5, started.hash(), "next", AuditState.APPLIED, "run-2");
        store.append(started);
        store.append(applied);
        return List.of(started, applied);
    }

    @Test
    void theStartedAndAppliedRecordsOfAChangeLeaveTheHintPendingUntilTheWriterReads() {
        AuditRecord applied = appendARunAndTheNextChange().get(1);
        assertThat(raw.tipHintSeq(chain)).as("where the last run ended").contains(3L);

        assertThat(store.history().tip(chain)).contains(applied);
        assertThat(raw.tipHintSeq(chain))
                .as("written by the writer before reading")
                .contains(5L);
    }

    @Test
    void anotherInstanceFindsTheTipPastAPendingHintAndRepairsIt() {
        AuditRecord applied = appendARunAndTheNextChange().get(1);
        CouchbaseAuditStore reader =
                CouchbaseAuditStore.builder(server.cluster(), server.bucket()).build();

        assertThat(reader.history().tip(chain)).contains(applied);
        assertThat(raw.tipHintSeq(chain)).as("repaired by the reader").contains(5L);
    }

    @Test
    void closingTheStoreWritesItsPendingHints() {
        appendARunAndTheNextChange();

        store.close();

        assertThat(raw.tipHintSeq(chain)).contains(5L);
    }

    @Test
    void aRecordAppendedByAWriterThatDiedBeforeItsHintUpdateIsTheTip() {
        List<AuditRecord> records = appendChain(4);
        raw.setTipHint(records.get(3));
        AuditRecord orphan = appendWithoutHintUpdate(records.get(3));
        assertThat(raw.tipHintSeq(chain)).contains(4L);

        assertThat(store.history().tip(chain)).contains(orphan);
        assertThat(store.history().readAll(chain).toList()).endsWith(orphan).hasSize(5);
        assertThat(raw.tipHintSeq(chain)).as("the lagging hint is repaired").contains(5L);
    }

    @Test
    void theNextAppendAfterADeadWriterConflictsInsteadOfOverwriting() {
        List<AuditRecord> records = appendChain(2);
        AuditRecord orphan = appendWithoutHintUpdate(records.get(1));

        AppendResult rival = store.append(
                TestRecords.record(chain, 3, records.get(1).hash(), "rival", AuditState.APPLIED, "rival-run"));

        assertThat(rival).isEqualTo(new AppendResult.SequenceConflict(chain, 3));
        assertThat(store.history().tip(chain)).contains(orphan);
    }

    @Test
    void aHintFarBehindIsOvertakenByGalloping() {
        List<AuditRecord> records = appendChain(40);
        raw.setTipHint(records.get(1));

        assertThat(store.history().tip(chain)).contains(records.get(39));
        assertThat(raw.tipHintSeq(chain)).contains(40L);
    }

    @Test
    void aMissingHintIsRebuiltFromTheRecords() {
        List<AuditRecord> records = appendChain(13);
        raw.deleteTipHint(chain);

        assertThat(store.history().tip(chain)).contains(records.get(12));
        assertThat(store.history().readAll(chain).toList()).containsExactlyElementsOf(records);
        assertThat(raw.tipHintSeq(chain)).contains(13L);
    }

    @Test
    void theTipReturnedFromTheHintIsTheRecordAsStored() {
        List<AuditRecord> records = appendChain(2);

        AuditRecord tip = store.history().tip(chain).orElseThrow();

        assertThat(tip).isEqualTo(records.get(1));
        assertThat(CanonicalEncoding.hashOf(tip)).isEqualTo(tip.hash());
    }

    @Test
    void aGapInTheMiddleIsReportedAsMissingAndReadingGoesOnPastIt() {
        List<AuditRecord> records = appendChain(20);
        LongStream.rangeClosed(6, 15).forEach(seq -> raw.delete(chain, seq));

        List<Long> read = store.history().readAll(chain).map(AuditRecord::seq).toList();
        VerificationResult result = Verify.chain(store, chain);

        assertThat(read).containsExactly(1L, 2L, 3L, 4L, 5L, 16L, 17L, 18L, 19L, 20L);
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(6);
            assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
            assertThat(broken.detail()).contains("6 to 15");
        });
        assertThat(store.history().tip(chain)).contains(records.get(19));
    }

    @Test
    void recordsPastARecordDeletedJustAfterALaggingHintAreStillReadAndTheGapIsReported() {
        List<AuditRecord> records = appendChain(2);
        AuditRecord checkpoint =
                TestRecords.record(chain, 3, records.get(1).hash(), "", AuditState.CHECKPOINT, "run-1");
        store.append(checkpoint);
        CouchbaseAuditStore crashed =
                CouchbaseAuditStore.builder(server.cluster(), server.bucket()).build();
        crashed.history().tip(chain);
        AuditRecord previous = checkpoint;
        for (long seq = 4; seq <= 300; seq++) {
            previous = TestRecords.record(chain, seq, previous.hash(), "c" + seq, AuditState.APPLIED, "run-2");
            assertThat(crashed.append(previous)).isInstanceOf(AppendResult.Appended.class);
        }
        long hinted = raw.tipHintSeq(chain).orElseThrow();
        raw.delete(chain, hinted + 1);

        List<Long> read = store.history().readAll(chain).map(AuditRecord::seq).toList();
        VerificationResult result = Verify.chain(store, chain);

        assertThat(hinted)
                .as("the crashed writer's last reservation moved the hint")
                .isBetween(64L, 299L);
        assertThat(read).hasSize(299).doesNotContain(hinted + 1).endsWith(300L);
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(hinted + 1);
            assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
        });
    }

    @Test
    void aDeletedRecordJustBelowTheTipIsAGapNotTheEnd() {
        appendChain(7);
        raw.delete(chain, 6);

        VerificationResult result = Verify.chain(store, chain);

        assertThat(result).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(6);
            assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
        });
    }
}

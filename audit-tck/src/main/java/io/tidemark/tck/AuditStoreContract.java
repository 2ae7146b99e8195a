package io.tidemark.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.fuzz.SequenceFuzzer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link AuditStore}: conditional, exact, append-only writes per chain. */
public abstract class AuditStoreContract extends StoreContractSupport {

    /**
     * Writers racing in the fuzz tests.
     *
     * @return the number of writers; 8 unless overridden
     */
    protected int racingWriters() {
        return 8;
    }

    /**
     * Records each racing writer appends in {@link #writersRacingForTheTipLoseNothing()}.
     *
     * @return the number of records; overridable
     */
    protected int recordsPerRacingWriter() {
        return 12;
    }

    private AuditStore store;
    private String chain;

    @BeforeEach
    void openStoreAndChain() {
        store = openStore(MutableClock.atFixedStart());
        chain = uniqueName("tck-store");
    }

    @Test
    void kindIsTheNameOfTheProviderThatCreatesSuchStores() {
        // Metrics are tagged with it (tidemark-micrometer): one fixed name per adapter, never an endpoint.
        assertThat(store.kind()).isEqualTo(fixture().storeName());
    }

    @Test
    void appendStoresTheRecordExactly() {
        AuditRecord first = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);

        assertThat(store.append(first)).isEqualTo(new AppendResult.Appended(1));

        assertThat(store.history().tip(chain)).contains(first);
        assertThat(store.history().readAll(chain).toList()).containsExactly(first);
    }

    @Test
    void awkwardTextAndMetadataSurviveTheRoundTrip() {
        AuditRecord awkward = TestRecords.awkward(chain, 1, AuditRecord.GENESIS_HASH);

        assertThat(store.append(awkward)).isInstanceOf(AppendResult.Appended.class);

        AuditRecord read = store.history().readAll(chain).toList().get(0);
        assertThat(read).isEqualTo(awkward);
        assertThat(read.metadata())
                .containsEntry("$set", "{\"a\":1}")
                .containsEntry("dotted.key.name", "line1\nline2\ttab");
    }

    @Test
    void everyStateSurvivesTheRoundTrip() {
        String previous = AuditRecord.GENESIS_HASH;
        long seq = 1;
        for (AuditState state : AuditState.values()) {
            AuditRecord record = TestRecords.record(chain, seq++, previous, "state-" + state, state, "exec");
            assertThat(store.append(record)).isInstanceOf(AppendResult.Appended.class);
            previous = record.hash();
        }

        assertThat(store.history().readAll(chain).map(AuditRecord::state).toList())
                .containsExactly(AuditState.values());
    }

    @Test
    void secondAppendAtATakenSequenceIsAConflictAndChangesNothing() {
        AuditRecord first = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
        AuditRecord rival = TestRecords.record(chain, 1, AuditRecord.GENESIS_HASH, "rival", AuditState.FAILED, "other");
        store.append(first);

        AppendResult result = store.append(rival);

        assertThat(result).isEqualTo(new AppendResult.SequenceConflict(chain, 1));
        assertThat(store.history().readAll(chain).toList()).containsExactly(first);
    }

    @Test
    void recordsAppendedAfterPreparingALongRunAreAllReadBack() {
        store.prepareAppends(chain, 300);
        List<AuditRecord> records = TestRecords.chain(chain, 150);
        records.forEach(record -> assertThat(store.append(record)).isEqualTo(new AppendResult.Appended(record.seq())));

        assertThat(store.history().readAll(chain).toList()).containsExactlyElementsOf(records);
        assertThat(store.history().tip(chain)).contains(records.get(149));
    }

    @Test
    void chainsAreIndependent() {
        String other = uniqueName("tck-other");
        AuditRecord mine = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
        AuditRecord theirs = TestRecords.applied(other, 1, AuditRecord.GENESIS_HASH);

        assertThat(store.append(mine)).isInstanceOf(AppendResult.Appended.class);
        assertThat(store.append(theirs)).isInstanceOf(AppendResult.Appended.class);

        assertThat(store.history().readAll(chain).toList()).containsExactly(mine);
        assertThat(store.history().readAll(other).toList()).containsExactly(theirs);
    }

    @Test
    void initializeIsIdempotent() {
        store.initialize();
        store.initialize();
        store.append(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH));
        store.initialize();

        assertThat(store.history().readAll(chain).count()).isEqualTo(1);
    }

    @Test
    void anotherStoreOnTheSameBackendSeesAppendsAtOnce() {
        AuditRecord first = TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH);
        store.append(first);

        AuditStore second = openStore(MutableClock.atFixedStart());

        assertThat(second.history().tip(chain)).contains(first);
        assertThat(second.append(TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH)))
                .isEqualTo(new AppendResult.SequenceConflict(chain, 1));
    }

    @Test
    void readsAndLocksWorkBeforeInitialize() {
        AuditStore fresh = openUninitializedStore(MutableClock.atFixedStart());

        assertThat(fresh.history().tip(chain)).isEmpty();
        assertThat(fresh.history().readAll(chain).toList()).isEmpty();
        assertThat(fresh.lockService().inspect(uniqueName("tck-lock"))).isEmpty();
    }

    @Test
    void describeNamesTheStore() {
        assertThat(store.describe()).isNotBlank();
    }

    @Test
    void writersRacingForOneSequenceHaveExactlyOneWinner() {
        List<AuditRecord> winners =
                SequenceFuzzer.raceForOneSequence(store, chain, 1, AuditRecord.GENESIS_HASH, racingWriters());

        assertThat(winners).hasSize(1);
        assertThat(store.history().readAll(chain).toList()).containsExactly(winners.get(0));
    }

    @Test
    void writersRacingForTheTipLoseNothing() {
        int writers = racingWriters();
        int perWriter = recordsPerRacingWriter();

        List<List<AuditRecord>> written = SequenceFuzzer.appendAfterTip(store, chain, writers, perWriter);

        List<AuditRecord> stored = store.history().readAll(chain).toList();
        assertThat(stored).hasSize(writers * perWriter);
        assertThat(stored)
                .extracting(AuditRecord::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, (long) writers * perWriter)
                        .boxed()
                        .toList());
        Set<AuditRecord> expected = new HashSet<>();
        written.forEach(expected::addAll);
        assertThat(new HashSet<>(stored)).isEqualTo(expected);
        assertThat(stored.stream().map(AuditRecord::executionId).collect(Collectors.toSet()))
                .hasSize(writers);
        assertThat(Verify.chain(store, chain).isIntact()).isTrue();
    }
}

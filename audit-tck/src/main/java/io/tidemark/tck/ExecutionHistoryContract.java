package io.tidemark.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import io.tidemark.core.port.AuditStore;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link io.tidemark.core.port.ExecutionHistory}: tip, ordered paged reads, derived queries. */
public abstract class ExecutionHistoryContract extends StoreContractSupport {

    /**
     * How many records the paging test writes. Adapters should configure a small page size in
     * {@link #createStore} so that this spans several pages.
     */
    protected int pagingRecordCount() {
        return 250;
    }

    private AuditStore store;
    private String chain;

    @BeforeEach
    void openStoreAndChain() {
        store = openStore(MutableClock.atFixedStart());
        chain = uniqueName("tck-history");
    }

    private List<AuditRecord> appendChain(int count) {
        List<AuditRecord> records = TestRecords.chain(chain, count);
        records.forEach(store::append);
        return records;
    }

    @Test
    void anEmptyChainHasNoTipAndNoRecords() {
        assertThat(store.history().tip(chain)).isEmpty();
        assertThat(store.history().readAll(chain).toList()).isEmpty();
    }

    @Test
    void tipIsTheHighestSequence() {
        List<AuditRecord> records = appendChain(3);

        assertThat(store.history().tip(chain)).contains(records.get(2));
    }

    @Test
    void readAllReturnsEveryRecordInAscendingOrderAcrossPages() {
        List<AuditRecord> records = appendChain(pagingRecordCount());

        try (Stream<AuditRecord> read = store.history().readAll(chain)) {
            assertThat(read.toList()).containsExactlyElementsOf(records);
        }
    }

    @Test
    void readFromStartsAtTheGivenSequence() {
        List<AuditRecord> records = appendChain(pagingRecordCount());
        int from = pagingRecordCount() / 2 + 1;

        try (Stream<AuditRecord> read = store.history().readFrom(chain, from)) {
            assertThat(read.map(AuditRecord::seq).toList())
                    .containsExactlyElementsOf(LongStream.rangeClosed(from, records.size()).boxed().toList());
        }
    }

    @Test
    void readFromBeyondTheTipIsEmpty() {
        appendChain(3);

        assertThat(store.history().readFrom(chain, 4).toList()).isEmpty();
        assertThat(store.history().readFrom(chain, 1_000_000).toList()).isEmpty();
    }

    @Test
    void aPartlyConsumedStreamCanBeClosed() {
        appendChain(pagingRecordCount());

        try (Stream<AuditRecord> read = store.history().readAll(chain)) {
            Iterator<AuditRecord> iterator = read.iterator();
            assertThat(iterator.next().seq()).isEqualTo(1);
            assertThat(iterator.next().seq()).isEqualTo(2);
        }
    }

    @Test
    void recordsOfAChangeAreFoundInOrder() {
        AuditRecord started = TestRecords.record(chain, 1, AuditRecord.GENESIS_HASH, "target", AuditState.STARTED, "e1");
        AuditRecord other = TestRecords.record(chain, 2, started.hash(), "other", AuditState.APPLIED, "e1");
        AuditRecord failed = TestRecords.record(chain, 3, other.hash(), "target", AuditState.FAILED, "e1");
        Stream.of(started, other, failed).forEach(store::append);

        assertThat(store.history().recordsOf(chain, "target")).containsExactly(started, failed);
        assertThat(store.history().latestOf(chain, "target")).contains(failed);
        assertThat(store.history().latestOf(chain, "absent")).isEmpty();
    }

    @Test
    void readsSeeEveryAcknowledgedAppend() {
        AuditRecord previous = null;
        for (int seq = 1; seq <= 20; seq++) {
            AuditRecord record = TestRecords.applied(chain, seq, previous == null ? AuditRecord.GENESIS_HASH : previous.hash());
            store.append(record);
            assertThat(store.history().tip(chain)).contains(record);
            previous = record;
        }
    }
}

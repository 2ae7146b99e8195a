package io.tidemark.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.tidemark.spi.ExecutionHistory}: the tip, ordered paged reads, and what a
 * stream returns while records are appended.
 */
public abstract class ExecutionHistoryContract extends StoreContractSupport {

    /**
     * How many records the paging tests write. Fixtures should configure a small page size so that
     * this spans several pages.
     *
     * @return the number of records; overridable
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
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(from, records.size()).boxed().toList());
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
    void aStreamReadWhileRecordsAreAppendedStaysAscendingSkipsNothingAndHasEverythingThatWasThere() {
        List<AuditRecord> records = appendChain(pagingRecordCount());
        int appendedWhileReading = pagingRecordCount() / 2;
        AuditRecord tip = records.get(records.size() - 1);
        List<Long> seen = new ArrayList<>();

        try (Stream<AuditRecord> read = store.history().readAll(chain)) {
            Iterator<AuditRecord> iterator = read.iterator();
            while (iterator.hasNext()) {
                seen.add(iterator.next().seq());
                if (seen.size() % 2 == 0 && tip.seq() < records.size() + appendedWhileReading) {
                    tip = TestRecords.applied(chain, tip.seq() + 1, tip.hash());
                    store.append(tip);
                }
            }
        }

        assertThat(seen)
                .as("ascending by one from seq 1: no sequence skipped or repeated")
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, seen.size()).boxed().toList());
        assertThat(seen.size())
                .as("every record there when the stream was opened, and at most the ones appended")
                .isBetween(records.size(), records.size() + appendedWhileReading);
    }

    @Test
    void readsSeeEveryAcknowledgedAppend() {
        AuditRecord previous = null;
        for (int seq = 1; seq <= 20; seq++) {
            AuditRecord record =
                    TestRecords.applied(chain, seq, previous == null ? AuditRecord.GENESIS_HASH : previous.hash());
            store.append(record);
            assertThat(store.history().tip(chain)).contains(record);
            previous = record;
        }
    }
}

package io.tidemark.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RecordPagesTest {

    private static AuditRecord record(long seq) {
        return AuditRecord.builder()
                .chain("c")
                .seq(seq)
                .state(AuditState.APPLIED)
                .timestamp(Instant.EPOCH)
                .metadata(Map.of())
                .build();
    }

    /** Pages of {@code size} over records 1..total; remembers every read's starting sequence. */
    private static RecordPages.PageReader pages(long total, int size, List<Long> reads) {
        return from -> {
            reads.add(from);
            List<AuditRecord> page = LongStream.rangeClosed(from, Math.min(total, from + size - 1))
                    .mapToObj(RecordPagesTest::record)
                    .toList();
            return new RecordPages.Page(page, from + size - 1 < total);
        };
    }

    @Test
    void readsPageAfterPageFromTheLastSequence() {
        List<Long> reads = new ArrayList<>();

        List<Long> seqs = RecordPages.stream(1, pages(25, 10, reads))
                .map(AuditRecord::seq)
                .toList();

        assertThat(seqs)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
        assertThat(reads).containsExactly(1L, 11L, 21L);
    }

    @Test
    void aLastPageSaysSoAndSavesARead() {
        List<Long> reads = new ArrayList<>();

        assertThat(RecordPages.stream(1, pages(20, 10, reads)).count()).isEqualTo(20);
        assertThat(reads).containsExactly(1L, 11L);
    }

    @Test
    void readsNothingUntilConsumedAndOnlyWhatIsConsumed() {
        List<Long> reads = new ArrayList<>();

        var stream = RecordPages.stream(5, pages(1_000, 10, reads));
        assertThat(reads).isEmpty();
        assertThat(stream.limit(3).map(AuditRecord::seq).toList()).containsExactly(5L, 6L, 7L);
        assertThat(reads).containsExactly(5L);
    }

    @Test
    void anEmptyChainCostsOneRead() {
        List<Long> reads = new ArrayList<>();

        assertThat(RecordPages.stream(1, pages(0, 10, reads)).toList()).isEmpty();
        assertThat(reads).containsExactly(1L);
    }
}

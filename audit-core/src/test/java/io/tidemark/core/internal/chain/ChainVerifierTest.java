package io.tidemark.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.chain.ChainBreak;
import io.tidemark.core.chain.VerificationCursor;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static List<AuditRecord> chain(int count) {
        List<AuditRecord> records = new ArrayList<>();
        String previous = AuditRecord.GENESIS_HASH;
        for (int seq = 1; seq <= count; seq++) {
            AuditRecord record = HashChain.seal(AuditRecord.builder()
                    .chain("c")
                    .seq(seq)
                    .executionId("e")
                    .changeId("change-" + seq)
                    .state(AuditState.APPLIED)
                    .timestamp(Instant.EPOCH.plusSeconds(seq))
                    .metadata(Map.of())
                    .previousHash(previous)
                    .build());
            records.add(record);
            previous = record.hash();
        }
        return records;
    }

    @Test
    void anEmptyChainIsIntact() {
        assertThat(ChainVerifier.verify("c", List.<AuditRecord>of().iterator()))
                .isEqualTo(new VerificationResult.Intact("c", 0, 0, AuditRecord.GENESIS_HASH));
    }

    @Test
    void aLinkedChainIsIntactAndReportsItsTip() {
        List<AuditRecord> records = chain(4);

        assertThat(ChainVerifier.verify("c", records.iterator()))
                .isEqualTo(
                        new VerificationResult.Intact("c", 4, 4, records.get(3).hash()));
    }

    @Test
    void aRecordOfAnotherChainCountsAsEdited() {
        List<AuditRecord> records = chain(3);
        records.set(1, records.get(1).toBuilder().chain("other").build());

        VerificationResult.Broken broken = (VerificationResult.Broken) ChainVerifier.verify("c", records.iterator());

        assertThat(broken.seq()).isEqualTo(2);
        assertThat(broken.kind()).isEqualTo(ChainBreak.EDITED);
    }

    @Test
    void severalMissingRecordsAreNamedAsARange() {
        List<AuditRecord> records = chain(6);
        records.subList(1, 4).clear();

        VerificationResult.Broken broken = (VerificationResult.Broken) ChainVerifier.verify("c", records.iterator());

        assertThat(broken.seq()).isEqualTo(2);
        assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
        assertThat(broken.describe()).contains("records 2 to 4 are missing", "seq 2");
    }

    @Test
    void aDuplicatedSequenceIsReportedAsReordered() {
        List<AuditRecord> records = chain(3);
        records.add(2, records.get(1));

        VerificationResult.Broken broken = (VerificationResult.Broken) ChainVerifier.verify("c", records.iterator());

        assertThat(broken.seq()).isEqualTo(2);
        assertThat(broken.kind()).isEqualTo(ChainBreak.REORDERED);
    }

    @Test
    void theCursorChecksRecordByRecord() {
        List<AuditRecord> records = chain(3);
        VerificationCursor cursor = new VerificationCursor("c");

        assertThat(cursor.accept(records.get(0))).isEmpty();
        assertThat(cursor.accept(records.get(2))).isPresent();
        assertThat(cursor.accept(records.get(1))).isEmpty();
        assertThat(cursor.result().records()).isEqualTo(2);
    }
}

package io.tidemark.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.chain.ChainBreak;
import io.tidemark.core.chain.ChainVerifier;
import io.tidemark.core.chain.HashChain;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.ChainBrokenException;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.port.AuditStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verification of chains tampered with directly in the backend. The adapter supplies the two
 * tampering hooks with raw backend calls that bypass the store's conditions.
 */
public abstract class ChainVerificationContract extends StoreContractSupport {

    /** Overwrites the stored record at {@code replacement}'s chain and sequence, as an intruder would. */
    protected abstract void overwriteRecord(AuditStore store, AuditRecord replacement);

    /** Deletes the stored record at {@code seq} of {@code chain}, as an intruder would. */
    protected abstract void deleteRecord(AuditStore store, String chain, long seq);

    private AuditStore store;
    private String chain;
    private List<AuditRecord> records;

    @BeforeEach
    void writeAChain() {
        store = openStore(MutableClock.atFixedStart());
        chain = uniqueName("tck-verify");
        records = TestRecords.chain(chain, 5);
        records.forEach(store::append);
    }

    private VerificationResult verify() {
        return new ChainVerifier(store.history()).verify(chain);
    }

    @Test
    void anUntouchedChainIsIntact() {
        assertThat(verify()).isEqualTo(new VerificationResult.Intact(chain, 5, 5, records.get(4).hash()));
    }

    @Test
    void anEditedFieldIsReportedAtItsSequence() {
        overwriteRecord(store, records.get(2).toBuilder().changeId("something-else").build());

        VerificationResult result = verify();

        assertThat(result).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(3);
            assertThat(broken.kind()).isEqualTo(ChainBreak.EDITED);
            assertThat(broken.recordsBefore()).isEqualTo(2);
        });
        ChainBrokenException thrown = catchThrowableOfType(ChainBrokenException.class, result::orThrow);
        assertThat(thrown.seq()).isEqualTo(3);
        assertThat(thrown.getMessage()).contains(chain, "seq 3", "EDITED");
    }

    @Test
    void anEditedMetadataValueIsReported() {
        overwriteRecord(store, records.get(3).toBuilder().metadata(java.util.Map.of("rows", "9999")).build());

        assertThat(verify()).isInstanceOfSatisfying(VerificationResult.Broken.class,
                broken -> assertThat(broken.seq()).isEqualTo(4));
    }

    @Test
    void aDeletedRecordIsReportedAsMissing() {
        deleteRecord(store, chain, 3);

        assertThat(verify()).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(3);
            assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
        });
    }

    @Test
    void aDeletedFirstRecordIsReportedAsMissing() {
        deleteRecord(store, chain, 1);

        assertThat(verify()).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(1);
            assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
        });
    }

    @Test
    void aForgedRecordWithAValidHashIsReportedAsReordered() {
        AuditRecord forged = HashChain.seal(records.get(2).toBuilder().changeId("forged")
                .previousHash(records.get(0).hash()).build());
        overwriteRecord(store, forged);

        assertThat(verify()).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(3);
            assertThat(broken.kind()).isEqualTo(ChainBreak.REORDERED);
        });
    }

    @Test
    void swappedRecordsAreReportedAtTheFirstOfThem() {
        AuditRecord second = records.get(1);
        AuditRecord third = records.get(2);
        overwriteRecord(store, HashChain.seal(third.toBuilder().seq(2).build()));
        overwriteRecord(store, HashChain.seal(second.toBuilder().seq(3).build()));

        assertThat(verify()).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(2);
            assertThat(broken.kind()).isEqualTo(ChainBreak.REORDERED);
        });
    }

    @Test
    void removingTheNewestRecordsIsCaughtByComparingWithAKeptTipHash() {
        String keptTipHash = ((VerificationResult.Intact) verify()).tipHash();
        deleteRecord(store, chain, 5);

        VerificationResult result = verify();

        assertThat(result.isIntact()).isTrue();
        assertThat(((VerificationResult.Intact) result).tipHash()).isNotEqualTo(keptTipHash);
        assertThat(((VerificationResult.Intact) result).tipSeq()).isEqualTo(4);
    }
}

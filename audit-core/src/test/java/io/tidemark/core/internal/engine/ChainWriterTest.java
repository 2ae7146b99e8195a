package io.tidemark.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.internal.lock.LeaseKeeper;
import io.tidemark.core.internal.lock.LockPolicy;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.core.testing.TestRecords;
import io.tidemark.spi.AuditRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one writer: records sealed elsewhere are appended only right after the tip it knows. */
class ChainWriterTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);
    private final LeaseKeeper keeper = new LeaseKeeper(
            store.lockService(),
            store.lockService().tryAcquire("c", "writer", Duration.ofMinutes(1)).orElseThrow(),
            LockPolicy.DEFAULT.withLeaseDuration(Duration.ofMinutes(1)),
            clock);
    private final ChainWriter writer = new ChainWriter(store, keeper, ChainState.tipOnly("c"), new InterruptFlag());

    @AfterEach
    void release() {
        keeper.close();
    }

    @Test
    void sealedRecordsThatFollowTheTipAreAppendedInOrder() {
        List<AuditRecord> records = TestRecords.chain("c", 3);

        records.forEach(writer::appendSealed);

        assertThat(store.history().readAll("c").toList()).containsExactlyElementsOf(records);
        assertThat(writer.state().tipSeq()).isEqualTo(3);
        assertThat(writer.state().latestByChange())
                .as("an import's writer keeps only the tip")
                .isEmpty();
    }

    @Test
    void aSealedRecordThatDoesNotFollowTheTipIsRefusedAndNothingIsWritten() {
        List<AuditRecord> records = TestRecords.chain("c", 3);
        writer.appendSealed(records.get(0));

        IllegalArgumentException skipped =
                catchThrowableOfType(IllegalArgumentException.class, () -> writer.appendSealed(records.get(2)));
        IllegalArgumentException relinked = catchThrowableOfType(
                IllegalArgumentException.class,
                () -> writer.appendSealed(records.get(1).toBuilder()
                        .previousHash(AuditRecord.GENESIS_HASH)
                        .build()));

        assertThat(skipped).hasMessageContaining("seq 3").hasMessageContaining("does not follow the tip");
        assertThat(relinked).hasMessageContaining("seq 2");
        assertThat(store.history().readAll("c").toList()).containsExactly(records.get(0));
    }
}

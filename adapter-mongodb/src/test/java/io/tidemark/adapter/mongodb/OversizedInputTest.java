package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.tck.MutableClock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input larger than a MongoDB document can hold (16 MB) is refused by core with a clear error before
 * anything is written, instead of reaching the driver.
 */
class OversizedInputTest {

    private static EmbeddedMongoServer mongo;

    @BeforeAll
    static void startServer() {
        mongo = EmbeddedMongoServer.start();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @ChangeUnit(id = "drop-legacy-index", order = "1")
    public static final class DropLegacyIndex {
        @Execution
        public void apply() {
            throw new IllegalStateException("index is in use");
        }
    }

    @Test
    void aSeventeenMegabyteReasonIsRefusedBeforeAnythingIsWritten() {
        MutableClock clock = MutableClock.atFixedStart();
        MongoAuditStore store = MongoAuditStore.builder(mongo.client(), "oversized")
                .clock(clock)
                .build();
        String chain =
                "big-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Tidemark tidemark = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .changeUnits(DropLegacyIndex.class)
                .clock(clock)
                .sleeper(clock::advance)
                .build();
        catchThrowableOfType(ChangeFailedException.class, tidemark::run);
        String reason = "r".repeat(17 * 1024 * 1024);

        Throwable refused =
                catchThrowable(() -> tidemark.operator().markRolledBack("drop-legacy-index", "ops", reason));

        assertThat(refused)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason is " + reason.length() + " characters long")
                .hasMessageContaining("at most 1000");
        List<AuditRecord> history = store.history().readAll(chain).toList();
        assertThat(history).extracting(AuditRecord::state).containsExactly(AuditState.STARTED, AuditState.FAILED);
        assertThat(store.lockService().inspect(chain)).isEmpty();
    }
}

package io.tidemark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.bench.backend.Backend;
import io.tidemark.bench.backend.BackendConnection;
import io.tidemark.bench.changes.HistoryWriter;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The history the benchmark writes to set up idle starts is a chain the engine accepts as its own,
 * on each backend. (The request-count targets of the benchmark, an idle start at one tip lookup and
 * each applied change at two audit writes, are asserted in the normal build by the TCK's
 * {@code RequestCountContract}, which every adapter runs.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HistoryWriterContract {

    /** Changes the Tidemark has (its checkpoint covers them). */
    private static final int CURRENT_CHANGES = 10;

    private Backend backend;
    private BackendConnection connection;

    /** Starts the backend under test. */
    protected abstract Backend startBackend();

    @BeforeAll
    void start() {
        backend = startBackend();
        connection = backend.connect();
    }

    @AfterAll
    void stop() {
        connection.close();
        backend.close();
    }

    private static String freshChain(String prefix) {
        return prefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private Tidemark tidemark(String chain, int changes) {
        return Tidemark.builder().auditStore(connection.newStore()).configuration(TidemarkConfig.of()).chain(chain)
                .changeUnits(TestChanges.get().first(changes)).build();
    }

    @Test
    void theWrittenHistoryIsAChainTheEngineAcceptsAsItsOwn() {
        String chain = freshChain("written");
        Tidemark tidemark = tidemark(chain, CURRENT_CHANGES);
        AuditStore store = connection.newStore();

        AuditRecord checkpoint = new HistoryWriter(store, connection.loader(), Clock.systemUTC()).writeApplied(chain,
                tidemark);

        assertThat(checkpoint.state()).isEqualTo(AuditState.CHECKPOINT);
        try (OperatorApi operator = Tidemark.builder().auditStore(store).configuration(TidemarkConfig.of()).chain(chain)
                .buildOperator()) {
            assertThat(operator.verify()).isEqualTo(new VerificationResult.Intact(chain, 2 * CURRENT_CHANGES + 1,
                    checkpoint.seq(), checkpoint.hash()));
        }
        assertThat(tidemark.run().nothingToDo()).isTrue();
    }
}

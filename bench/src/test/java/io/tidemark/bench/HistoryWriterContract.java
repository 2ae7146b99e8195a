package io.tidemark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.bench.backend.Instances;
import io.tidemark.bench.changes.HistoryWriter;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.CountingStore;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The history the benchmark writes to set up idle starts is a chain the engine accepts as its own,
 * on each backend, written as the benchmark writes it: with the loader {@link Instances#loader}
 * picks, into a store of a started instance. (The request-count targets of the benchmark, an idle
 * start at one tip lookup and each applied change at two audit writes, are asserted in the normal
 * build by the TCK's {@code RequestCountContract}, which every adapter runs.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HistoryWriterContract {

    /** Changes the Tidemark has (its checkpoint covers them). */
    private static final int CURRENT_CHANGES = 10;

    private BackendFixture fixture;
    private Instances instances;

    /** Starts the backend under test, through its adapter's fixture. */
    protected abstract BackendFixture startFixture();

    @BeforeAll
    void start() {
        fixture = startFixture();
        instances = new Instances(fixture, "history", Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private static String freshChain(String prefix) {
        return prefix + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private static Tidemark tidemark(AuditStore store, String chain, int changes) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .changeUnits(TestChanges.get().first(changes))
                .build();
    }

    @Test
    void theWrittenHistoryIsAChainTheEngineAcceptsAsItsOwn() {
        String chain = freshChain("written");
        try (CountingStore writer = instances.start();
                CountingStore later = instances.start()) {
            AuditStore store = writer.store();

            AuditRecord checkpoint = new HistoryWriter(store, instances.loader(store), Clock.systemUTC())
                    .writeApplied(chain, tidemark(store, chain, CURRENT_CHANGES));

            assertThat(checkpoint.state()).isEqualTo(AuditState.CHECKPOINT);
            try (OperatorApi operator = Tidemark.builder()
                    .auditStore(store)
                    .configuration(TidemarkConfig.of())
                    .chain(chain)
                    .buildOperator()) {
                assertThat(operator.verify())
                        .isEqualTo(new VerificationResult.Intact(
                                chain, 2 * CURRENT_CHANGES + 1, checkpoint.seq(), checkpoint.hash()));
            }
            assertThat(tidemark(later.store(), chain, CURRENT_CHANGES).run().nothingToDo())
                    .isTrue();
        }
    }
}

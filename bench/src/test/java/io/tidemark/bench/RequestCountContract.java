package io.tidemark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.bench.backend.Backend;
import io.tidemark.bench.backend.BackendConnection;
import io.tidemark.bench.backend.Traffic;
import io.tidemark.bench.changes.GeneratedChanges;
import io.tidemark.bench.changes.HistoryWriter;
import io.tidemark.bench.changes.HistoryWriter.AppliedChange;
import io.tidemark.core.Tidemark;
import io.tidemark.core.chain.ChainVerifier;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.config.TidemarkConfig;
import io.tidemark.core.engine.ChangeSet;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import io.tidemark.core.model.RunReport;
import io.tidemark.core.port.AuditStore;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The request-count targets of the benchmark, asserted on one backend without timing anything:
 * requests are counted at the client (see each {@link Backend}), so these hold on any machine.
 *
 * <ul>
 *   <li>A start with nothing to do makes at most 2 requests, initialisation included, and exactly
 *       the same requests, reading the same number of records, whether 100 or 10,000 changes were
 *       applied before it.</li>
 *   <li>Each applied change costs exactly 2 audit writes and nothing else: a run of 30 changes
 *       sends 40 audit writes more than a run of 10, and not one other request more.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RequestCountContract {

    /** Changes the idle starts' Tidemark has (its checkpoint covers them). */
    private static final int CURRENT_CHANGES = 10;

    private Backend backend;
    private BackendConnection connection;

    /** Starts the backend under test. */
    protected abstract Backend startBackend();

    /** Audit writes that close a run which applied something: its checkpoint. */
    protected int closingWrites() {
        return 1;
    }

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

    /**
     * The history of {@code applied} changes (ids of the generated units and beyond; one
     * {@code APPLIED} record each, to set up 10,000 quickly), closed by a checkpoint of the current
     * change set, then a real start: fresh store, fresh Tidemark.
     */
    private Traffic idleStartAfter(int applied) {
        String chain = freshChain("idle-" + applied);
        ChangeSet current = tidemark(chain, CURRENT_CHANGES).changeSet();
        List<AppliedChange> history = IntStream.rangeClosed(1, applied).mapToObj(i -> new AppliedChange(
                GeneratedChanges.id(i), Integer.toString(i), "bench", GeneratedChanges.PACKAGE + ".Change" + i)).toList();
        new HistoryWriter(connection.newStore(), connection.loader(), Clock.systemUTC()).writeApplied(chain, history,
                current, HistoryWriter.Shape.APPLIED_ONLY);

        Traffic before = connection.meter().snapshot();
        RunReport report = tidemark(chain, CURRENT_CHANGES).run();
        Traffic used = connection.meter().snapshot().minus(before);

        assertThat(report.nothingToDo()).isTrue();
        assertThat(report.tipSeq()).isEqualTo(applied + 1L);
        return used;
    }

    @Test
    void anIdleStartMakesAtMostTwoRequestsWhetherAHundredOrTenThousandChangesWereApplied() {
        Traffic afterHundred = idleStartAfter(100);
        Traffic afterTenThousand = idleStartAfter(10_000);

        assertThat(afterHundred.requests()).isBetween(1L, 2L);
        assertThat(afterHundred.auditReads()).as("only reads").isEqualTo(afterHundred.requests());
        assertThat(afterHundred.recordsRead()).as("the tip").isEqualTo(1);
        assertThat(afterTenThousand).isEqualTo(afterHundred);
    }

    private Traffic applyFromScratch(int changes) {
        Tidemark tidemark = tidemark(freshChain("apply-" + changes), changes);
        Traffic before = connection.meter().snapshot();
        RunReport report = tidemark.run();
        Traffic used = connection.meter().snapshot().minus(before);
        assertThat(report.applied()).hasSize(changes);
        return used;
    }

    @Test
    void eachAppliedChangeCostsExactlyTwoAuditWritesAndNoOtherRequest() {
        Traffic ten = applyFromScratch(10);
        Traffic thirty = applyFromScratch(30);

        assertThat(thirty.minus(ten)).isEqualTo(new Traffic(2 * 20, 0, 0, 0, 0));
        assertThat(ten.auditWrites()).as("2 per change and the run's closing writes").isEqualTo(2 * 10 + closingWrites());
    }

    @Test
    void theWrittenHistoryIsAChainTheEngineAcceptsAsItsOwn() {
        String chain = freshChain("written");
        Tidemark tidemark = tidemark(chain, CURRENT_CHANGES);
        AuditStore store = connection.newStore();

        AuditRecord checkpoint = new HistoryWriter(store, connection.loader(), Clock.systemUTC()).writeApplied(chain,
                tidemark.changeSet());

        assertThat(checkpoint.state()).isEqualTo(AuditState.CHECKPOINT);
        assertThat(new ChainVerifier(store.history()).verify(chain))
                .isEqualTo(new VerificationResult.Intact(chain, 2 * CURRENT_CHANGES + 1, checkpoint.seq(),
                        checkpoint.hash()));
        assertThat(tidemark.run().nothingToDo()).isTrue();
    }
}

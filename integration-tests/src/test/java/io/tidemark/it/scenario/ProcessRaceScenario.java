package io.tidemark.it.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.Tidemark;
import io.tidemark.it.backend.Counters;
import io.tidemark.it.backend.Namespaces;
import io.tidemark.it.changes.ChangeEffects;
import io.tidemark.it.changes.ShopChanges;
import io.tidemark.it.child.ChildReport;
import io.tidemark.it.child.ShopChangesProcess;
import io.tidemark.it.process.ChildJvm;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Separate JVMs racing: {@value #RACERS} child JVMs, configured only through system properties,
 * build the same application against one server, announce that they are ready, and start their runs
 * together when the test creates a start file. Every change unit increments its counter in the
 * backend, so the counters show how many times each effect happened across all processes.
 *
 * <p>Proven per backend: every effect happened exactly once; every process exits 0; exactly one
 * applied the whole change set and the others report that they found nothing left to do; the
 * history holds one {@code APPLIED} record per change, written by the winner, and verifies.
 */
public abstract class ProcessRaceScenario extends BackendScenario {

    /** How many child JVMs race. */
    static final int RACERS = 4;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path temporary;

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("eachBackend")
    void jvmsStartedTogetherApplyEachChangeExactlyOnce(BackendFixture fixture) throws Exception {
        String namespace = Namespaces.fresh("race");
        Path startFile = temporary.resolve("start-" + namespace);
        List<ChildReport> reports = new ArrayList<>();
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < RACERS; i++) {
                Map<String, String> properties = new HashMap<>(fixture.configuration(namespace));
                properties.put(ShopChangesProcess.START_FILE, startFile.toString());
                properties.put(Tidemark.Keys.INSTANCE_ID, racer(i));
                children.add(
                        ChildJvm.start(fixture.storeName() + "-" + racer(i), ShopChangesProcess.class, properties));
            }
            for (ChildJvm child : children) {
                child.awaitLine(ShopChangesProcess.READY::equals, READY_TIMEOUT);
            }
            Files.createFile(startFile);
            for (ChildJvm child : children) {
                assertThat(child.awaitExit(RUN_TIMEOUT))
                        .as("exit code of %s%s", child, child.describe())
                        .isZero();
                reports.add(ChildReport.parse(child.awaitLine(ChildReport::isReport, Duration.ofSeconds(5))));
            }
        } finally {
            children.forEach(ChildJvm::close);
        }

        List<Integer> winners = IntStream.range(0, RACERS)
                .filter(i -> !reports.get(i).idsWith(ChangeOutcome.APPLIED).isEmpty())
                .boxed()
                .toList();
        assertThat(winners).as("racers that applied something").hasSize(1);
        int winner = winners.get(0);
        assertThat(reports.get(winner).idsWith(ChangeOutcome.APPLIED))
                .containsExactlyElementsOf(ShopChanges.IDS_IN_ORDER);
        IntStream.range(0, RACERS)
                .filter(i -> i != winner)
                .forEach(i -> assertThat(reports.get(i).nothingToDo())
                        .as("%s found nothing left to do: %s", racer(i), reports.get(i))
                        .isTrue());

        try (Counters counters = Counters.of(fixture, namespace);
                AuditStore store = fixture.openStore(namespace, Clock.systemUTC())) {
            ShopChanges.IDS_IN_ORDER.forEach(
                    id -> assertThat(counters.get(id)).as("effects of %s", id).isEqualTo(1));
            List<AuditRecord> history;
            try (Stream<AuditRecord> records = store.history().readAll("default")) {
                history = records.toList();
            }
            assertThat(history)
                    .filteredOn(r -> r.state() == AuditState.APPLIED)
                    .extracting(AuditRecord::changeId)
                    .containsExactlyElementsOf(ShopChanges.IDS_IN_ORDER);
            assertThat(history)
                    .filteredOn(r -> r.state() == AuditState.APPLIED)
                    .extracting(AuditRecord::instanceId)
                    .containsOnly(racer(winner));
            assertThat(history)
                    .extracting(AuditRecord::state)
                    .containsOnly(AuditState.STARTED, AuditState.APPLIED, AuditState.CHECKPOINT);
            assertThat(ShopChanges.engine(store, new ChangeEffects(counters))
                            .build()
                            .operator()
                            .verify()
                            .isIntact())
                    .isTrue();
        }
    }

    private static String racer(int index) {
        return "racer-" + index;
    }
}

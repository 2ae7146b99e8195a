package io.tidemark.core.internal.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.ChainBrokenException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.operator.ImportProgress;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.core.testing.TestRecords;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.Diagnosis;
import io.tidemark.spi.Lease;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Moving a chain between stores, breaking a dead instance's lock, and the doctor. */
class ChainImportTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore source = new InMemoryAuditStore(clock);
    private final InMemoryAuditStore target = new InMemoryAuditStore(clock);

    private OperatorApi operator(InMemoryAuditStore store, String chain) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .clock(clock)
                .sleeper(clock::advance)
                .instanceId("ops")
                .buildOperator();
    }

    private List<AuditRecord> sourceHistory() {
        Tidemark.builder()
                .auditStore(source)
                .configuration(TidemarkConfig.of())
                .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new))
                .dependency(new ChangeTarget())
                .clock(clock)
                .build()
                .run();
        return source.history().readAll("default").toList();
    }

    @Test
    void anImportedChainKeepsEveryHashAndVerifies() {
        List<AuditRecord> records = sourceHistory();
        List<String> phases = new ArrayList<>();
        ImportProgress progress = (phase, count) -> phases.add(phase + ":" + count);

        VerificationResult result = operator(target, "default").importChain(records::stream, progress);

        assertThat(target.history().readAll("default").toList()).isEqualTo(records);
        assertThat(result)
                .isEqualTo(new VerificationResult.Intact(
                        "default",
                        records.size(),
                        records.size(),
                        records.get(records.size() - 1).hash()));
        assertThat(phases).containsExactly("verifying:" + records.size(), "writing:" + records.size());
        assertThat(target.lockService().inspect("default")).isEmpty();
    }

    @Test
    void aTamperedInputWritesNothing() {
        List<AuditRecord> records = new ArrayList<>(sourceHistory());
        records.set(3, records.get(3).toBuilder().errorMessage("edited").build());

        ChainBrokenException error = catchThrowableOfType(
                ChainBrokenException.class,
                () -> operator(target, "default").importChain(records::stream, ImportProgress.SILENT));

        assertThat(error.seq()).isEqualTo(4);
        assertThat(error).hasMessageContaining("nothing was written").hasMessageContaining("EDITED");
        assertThat(target.requestCount()).as("requests to the target").isZero();
        assertThat(target.history().tip("default")).isEmpty();
    }

    @Test
    void anInputThatFailsToParseWritesNothing() {
        List<AuditRecord> records = sourceHistory();

        IllegalArgumentException error = catchThrowableOfType(
                IllegalArgumentException.class,
                () -> operator(target, "default")
                        .importChain(
                                () -> Stream.concat(
                                        records.stream().limit(3),
                                        Stream.<AuditRecord>generate(() -> {
                                                    throw new IllegalArgumentException("line 4: not a JSON object");
                                                })
                                                .limit(1)),
                                ImportProgress.SILENT));

        assertThat(error).hasMessageContaining("line 4");
        assertThat(target.history().tip("default")).isEmpty();
    }

    @Test
    void aChainIsImportedUnderItsOwnNameOnly() {
        List<AuditRecord> records = sourceHistory();

        ChainBrokenException error = catchThrowableOfType(
                ChainBrokenException.class,
                () -> operator(target, "billing").importChain(records::stream, ImportProgress.SILENT));

        assertThat(error)
                .hasMessageContaining("belongs to chain 'default', not 'billing'")
                .hasMessageContaining("tidemark.chain=default");
        assertThat(target.history().tip("billing")).isEmpty();
    }

    @Test
    void aNonEmptyTargetChainIsRefused() {
        List<AuditRecord> records = sourceHistory();
        AuditRecord existing = TestRecords.applied("default", 1, AuditRecord.GENESIS_HASH);
        target.append(existing);

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> operator(target, "default").importChain(records::stream, ImportProgress.SILENT));

        assertThat(error).hasMessageContaining("is not empty");
        assertThat(target.history().readAll("default").toList()).containsExactly(existing);
    }

    @Test
    void releasingALockFreesItOnlyForTheObservedHolder() {
        Lease dead = target.lockService()
                .tryAcquire("default", "dead-pod/run-1", Duration.ofMinutes(5))
                .orElseThrow();
        OperatorApi operator = operator(target, "default");

        assertThat(operator.lockHolder()).contains(dead);
        assertThat(operator.releaseLock(dead)).isTrue();
        assertThat(operator.lockHolder()).isEmpty();

        Lease alive = target.lockService()
                .tryAcquire("default", "live-pod/run-2", Duration.ofMinutes(5))
                .orElseThrow();
        assertThat(operator.releaseLock(dead)).isFalse();
        assertThat(operator.lockHolder()).contains(alive);
    }

    @Test
    void theDoctorReadsTheChainAndProbesTheLock() {
        sourceHistory();

        List<Diagnosis> findings = operator(source, "default").doctor();

        assertThat(findings).extracting(Diagnosis::status).containsOnly(Diagnosis.Status.OK);
        assertThat(findings)
                .extracting(Diagnosis::detail)
                .anySatisfy(d -> assertThat(d).contains("tip at seq 9"));
        assertThat(source.lockService().inspect("default.doctor-probe")).isEmpty();
    }

    @Test
    void theDoctorReportsAnUnreachableStoreAsProblemsWithAFix() {
        source.setUnavailable(true);

        List<Diagnosis> findings = operator(source, "default").doctor();

        assertThat(findings).hasSize(2).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(Diagnosis.Status.PROBLEM);
            assertThat(d.fix()).contains("reachable");
        });
    }
}

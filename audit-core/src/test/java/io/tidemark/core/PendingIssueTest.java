package io.tidemark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.core.internal.lock.LockOwner;
import io.tidemark.core.testing.TestRecords;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.Lease;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A change is being applied, and so no issue, only while the instance that wrote its {@code STARTED}
 * record holds a live lease on the chain; the lock owner names the instance as the engine takes it.
 */
class PendingIssueTest {

    /** The instance {@link TestRecords#record} writes. */
    private static final String INSTANCE = "host-a-4242-beef";

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static PendingIssue issue(AuditState state, String instanceId) {
        AuditRecord latest = TestRecords.record("c", 3, AuditRecord.GENESIS_HASH, "add-prices", state, "run-1");
        return new PendingIssue(
                "add-prices", latest.toBuilder().instanceId(instanceId).build());
    }

    private static Optional<Lease> heldBy(String instanceId, Instant expiresAt) {
        return Optional.of(new Lease("c", LockOwner.of(instanceId, "run-2"), expiresAt, 7));
    }

    @Test
    void aChangeStartedByTheInstanceHoldingALiveLeaseIsBeingApplied() {
        assertThat(issue(AuditState.STARTED, INSTANCE).isBeingAppliedUnder(heldBy(INSTANCE, NOW.plusSeconds(30)), NOW))
                .isTrue();
    }

    @Test
    void itIsAnIssueOnceTheLeaseHasRunOut() {
        assertThat(issue(AuditState.STARTED, INSTANCE).isBeingAppliedUnder(heldBy(INSTANCE, NOW), NOW))
                .isFalse();
    }

    @Test
    void itIsAnIssueWhenAnotherInstanceOrNobodyHoldsTheLock() {
        PendingIssue started = issue(AuditState.STARTED, INSTANCE);

        assertThat(started.isBeingAppliedUnder(heldBy("host-b-1-cafe", NOW.plusSeconds(30)), NOW))
                .isFalse();
        assertThat(started.isBeingAppliedUnder(heldBy("host-a-4242", NOW.plusSeconds(30)), NOW))
                .as("an instance id that is a prefix of the writer's")
                .isFalse();
        assertThat(started.isBeingAppliedUnder(Optional.empty(), NOW)).isFalse();
    }

    @Test
    void aFailedChangeIsAnIssueWhoeverHoldsTheLock() {
        for (AuditState state : new AuditState[] {AuditState.FAILED, AuditState.ROLLBACK_FAILED}) {
            assertThat(issue(state, INSTANCE).isBeingAppliedUnder(heldBy(INSTANCE, NOW.plusSeconds(30)), NOW))
                    .as("%s", state)
                    .isFalse();
        }
    }

    @Test
    void anInstanceIdHoldingASlashIsMatchedWhole() {
        assertThat(issue(AuditState.STARTED, "pod/7").isBeingAppliedUnder(heldBy("pod/7", NOW.plusSeconds(30)), NOW))
                .isTrue();
        assertThat(issue(AuditState.STARTED, "pod").isBeingAppliedUnder(heldBy("pod/7", NOW.plusSeconds(30)), NOW))
                .isFalse();
        assertThatThrownBy(() -> LockOwner.of("pod", "run/2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A lock purpose holds no '/': run/2");
    }
}

package io.tidemark.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import io.tidemark.tck.fuzz.LockFuzzer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LockService}: a lease per key taken, extended and released by single
 * conditional writes, with growing fencing tokens. Expiry is driven by a {@link MutableClock}, never
 * by waiting.
 */
public abstract class LockServiceContract extends StoreContractSupport {

    private static final Duration LEASE = Duration.ofSeconds(30);

    /**
     * Owners racing in the fuzz tests.
     *
     * @return the number of owners; 8 unless overridden
     */
    protected int racingOwners() {
        return 8;
    }

    /**
     * Attempts each racing owner makes in {@link #ownersRacingForOneKeyNeverOverlap()}.
     *
     * @return the number of attempts; overridable
     */
    protected int attemptsPerRacingOwner() {
        return 25;
    }

    private MutableClock clock;
    private LockService locks;
    private String key;

    @BeforeEach
    void openLocks() {
        clock = MutableClock.atFixedStart();
        locks = openStore(clock).lockService();
        key = uniqueName("tck-lock");
    }

    @Test
    void aFreeKeyIsAcquired() {
        Optional<Lease> lease = locks.tryAcquire(key, "alice", LEASE);

        assertThat(lease).isPresent();
        assertThat(lease.get().key()).isEqualTo(key);
        assertThat(lease.get().owner()).isEqualTo("alice");
        assertThat(lease.get().expiresAt()).isEqualTo(clock.instant().plus(LEASE));
        assertThat(lease.get().token()).isPositive();
        assertThat(locks.inspect(key)).contains(lease.get());
    }

    @Test
    void aHeldKeyIsRefusedToOthersAsAValue() {
        Lease alice = locks.tryAcquire(key, "alice", LEASE).orElseThrow();
        clock.advance(LEASE.minusSeconds(1));

        assertThat(locks.tryAcquire(key, "bob", LEASE)).isEmpty();
        assertThat(locks.inspect(key)).contains(alice);
    }

    @Test
    void theHolderReacquiresWithAGreaterToken() {
        Lease first = locks.tryAcquire(key, "alice", LEASE).orElseThrow();
        clock.advance(Duration.ofSeconds(5));

        Lease second = locks.tryAcquire(key, "alice", LEASE).orElseThrow();

        assertThat(second.token()).isGreaterThan(first.token());
        assertThat(second.expiresAt()).isEqualTo(clock.instant().plus(LEASE));
    }

    @Test
    void anExpiredLeaseIsTakenOverWithAGreaterToken() {
        Lease alice = locks.tryAcquire(key, "alice", LEASE).orElseThrow();
        clock.advance(LEASE);

        Lease bob = locks.tryAcquire(key, "bob", LEASE).orElseThrow();

        assertThat(bob.owner()).isEqualTo("bob");
        assertThat(bob.token()).isGreaterThan(alice.token());
        assertThat(locks.inspect(key)).contains(bob);
    }

    @Test
    void inspectShowsAnExpiredLeaseUntilSomeoneTakesIt() {
        Lease alice = locks.tryAcquire(key, "alice", LEASE).orElseThrow();
        clock.advance(LEASE.plusSeconds(10));

        Optional<Lease> seen = locks.inspect(key);

        assertThat(seen).contains(alice);
        assertThat(seen.get().isActiveAt(clock.instant())).isFalse();
    }

    @Test
    void theHolderExtendsKeepingItsToken() {
        Lease lease = locks.tryAcquire(key, "alice", LEASE).orElseThrow();
        clock.advance(Duration.ofSeconds(20));

        Lease extended = locks.extend(lease, LEASE).orElseThrow();

        assertThat(extended.token()).isEqualTo(lease.token());
        assertThat(extended.owner()).isEqualTo("alice");
        assertThat(extended.expiresAt()).isEqualTo(clock.instant().plus(LEASE));
        clock.advance(Duration.ofSeconds(20));
        assertThat(locks.tryAcquire(key, "bob", LEASE)).isEmpty();
    }

    @Test
    void aLeaseTakenOverCannotBeExtended() {
        Lease alice = locks.tryAcquire(key, "alice", LEASE).orElseThrow();
        clock.advance(LEASE);
        Lease bob = locks.tryAcquire(key, "bob", LEASE).orElseThrow();

        assertThat(locks.extend(alice, LEASE)).isEmpty();
        assertThat(locks.inspect(key)).contains(bob);
    }

    @Test
    void aLeaseWithAnOldTokenCannotBeExtendedEvenByItsOwner() {
        Lease old = locks.tryAcquire(key, "alice", LEASE).orElseThrow();
        Lease current = locks.tryAcquire(key, "alice", LEASE).orElseThrow();

        assertThat(locks.extend(old, LEASE)).isEmpty();
        assertThat(locks.extend(current, LEASE)).isPresent();
    }

    @Test
    void releaseFreesTheKey() {
        Lease alice = locks.tryAcquire(key, "alice", LEASE).orElseThrow();

        locks.release(alice);

        assertThat(locks.inspect(key)).isEmpty();
        Lease bob = locks.tryAcquire(key, "bob", LEASE).orElseThrow();
        assertThat(bob.token()).isGreaterThan(alice.token());
    }

    @Test
    void releasingALostLeaseLeavesTheNewHolderAlone() {
        Lease alice = locks.tryAcquire(key, "alice", LEASE).orElseThrow();
        clock.advance(LEASE.plusSeconds(1));
        Lease bob = locks.tryAcquire(key, "bob", LEASE).orElseThrow();

        locks.release(alice);

        assertThat(locks.inspect(key)).contains(bob);
        assertThat(locks.tryAcquire(key, "carol", LEASE)).isEmpty();
    }

    @Test
    void releasingTwiceIsHarmless() {
        Lease alice = locks.tryAcquire(key, "alice", LEASE).orElseThrow();
        locks.release(alice);
        Lease bob = locks.tryAcquire(key, "bob", LEASE).orElseThrow();

        locks.release(alice);

        assertThat(locks.inspect(key)).contains(bob);
    }

    /**
     * A lock record this version cannot read is reported as such, naming the key, and is never handed
     * out: {@code inspect} raises {@link UnreadableRecordException}; {@code tryAcquire} raises it too or
     * answers "held" (a store may decline to spend a read on every refused attempt; the engine inspects
     * a held lock at once, so the run still stops with the exception). Nothing is a raw backend or
     * parsing exception.
     */
    @Test
    void anUnreadableLockRecordIsReportedByKeyAndNeverHandedOut() {
        rawRecords().writeUnreadableLock(key);

        Throwable inspected = catchThrowable(() -> locks.inspect(key));
        Optional<Lease> acquired = Optional.empty();
        Throwable acquiring = null;
        try {
            acquired = locks.tryAcquire(key, "alice", LEASE);
        } catch (RuntimeException e) {
            acquiring = e;
        }

        assertThat(inspected).isInstanceOf(UnreadableRecordException.class).hasMessageContaining(key);
        assertThat(((UnreadableRecordException) inspected).lockKey()).contains(key);
        assertThat(acquired).as("a lock nobody can read is not handed out").isEmpty();
        if (acquiring != null) {
            assertThat(acquiring).isInstanceOf(UnreadableRecordException.class).hasMessageContaining(key);
        }
        assertThat(catchThrowable(() -> locks.inspect(key)))
                .as("still unreadable: nothing overwrote it")
                .isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void anUnknownKeyIsFreeAndInspectsEmpty() {
        assertThat(locks.inspect(key)).isEmpty();
        Lease phantom = new Lease(key, "nobody", Instant.EPOCH, 99);
        locks.release(phantom);
        assertThat(locks.extend(phantom, LEASE)).isEmpty();
        assertThat(locks.inspect(key)).isEmpty();
    }

    @Test
    void keysAreIndependent() {
        String other = uniqueName("tck-lock-other");
        locks.tryAcquire(key, "alice", LEASE).orElseThrow();

        assertThat(locks.tryAcquire(other, "bob", LEASE)).isPresent();
    }

    @Test
    void ownersRacingForAFreeKeyHaveExactlyOneWinner() {
        List<Lease> winners = LockFuzzer.raceOnce(locks, key, racingOwners());

        assertThat(winners).hasSize(1);
        assertThat(locks.inspect(key)).contains(winners.get(0));
    }

    @Test
    void ownersRacingForOneKeyNeverOverlap() {
        LockFuzzer.Result result = LockFuzzer.race(locks, key, racingOwners(), attemptsPerRacingOwner());

        assertThat(result.overlaps()).isZero();
        assertThat(result.acquisitions()).isPositive();
        assertThat(result.tokens()).isSorted().doesNotHaveDuplicates();
        assertThat(locks.inspect(key)).isEmpty();
    }
}

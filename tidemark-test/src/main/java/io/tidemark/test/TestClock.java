package io.tidemark.test;

import io.tidemark.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to: give it to Tidemark (the {@link TidemarkTest} builder takes
 * its time from one) to test what depends on time (record timestamps, lease expiry, waiting for a
 * lock) without waiting. Thread-safe; its zone is UTC, and {@link #withZone} gives a view of the same
 * time in another zone.
 */
public final class TestClock extends Clock {

    /** Where a clock starts unless told otherwise: 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;

    /** A clock at {@link #DEFAULT_START}. */
    public TestClock() {
        this(DEFAULT_START);
    }

    /**
     * A clock at {@code start}.
     *
     * @param start the instant the clock shows until it is moved
     */
    public TestClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far to move it; zero leaves it where it is
     * @throws IllegalArgumentException when {@code duration} is negative (use {@link #set} to go back)
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A TestClock moves forward only; use set(instant) to put it back, not "
                    + "advance(" + duration + ")");
        }
        now.updateAndGet(instant -> instant.plus(duration));
    }

    /**
     * Sets the clock to {@code instant}, forward or back.
     *
     * @param instant the instant the clock shows from now on
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * A {@link Sleeper} that advances this clock by the time asked for instead of sleeping: give it to
     * {@code TidemarkBuilder.sleeper(...)}, and a run waiting for a lock held by someone else sees the
     * holder's lease expire in clock time, at once.
     *
     * @return a sleeper that advances this clock
     */
    public Sleeper sleeper() {
        return this::advance;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ZoneView(this, Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public String toString() {
        return "TestClock[" + instant() + "]";
    }

    /** This clock's time, in another zone. */
    private static final class ZoneView extends Clock {
        private final TestClock source;
        private final ZoneId zone;

        ZoneView(TestClock source, ZoneId zone) {
            this.source = source;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return source.withZone(other);
        }

        @Override
        public Instant instant() {
            return source.instant();
        }

        @Override
        public String toString() {
            return "TestClock[" + instant() + ", " + zone + "]";
        }
    }
}

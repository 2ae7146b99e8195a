package io.tidemark.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to; thread-safe. Lets tests check expiry without waiting. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /**
     * A clock at {@code start}, in UTC.
     *
     * @param start the instant the clock shows until moved
     */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** {@return a clock at a fixed, whole-millisecond instant} */
    public static MutableClock atFixedStart() {
        return new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    }

    /**
     * Moves the clock forward by {@code duration}.
     *
     * @param duration how far to move
     */
    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    /**
     * Sets the clock to {@code instant}.
     *
     * @param instant the instant the clock shows from now on
     */
    public void set(Instant instant) {
        now.set(instant);
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
        return this;
    }
}

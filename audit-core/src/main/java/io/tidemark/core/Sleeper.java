package io.tidemark.core;

import java.time.Duration;

/**
 * How the engine waits between lock attempts; given to {@link TidemarkBuilder#sleeper(Sleeper)}.
 * The default sleeps the thread; tests pass one that advances a controllable clock, so that waiting
 * behaviour is checked without real waiting.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps the calling thread. */
    Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    /**
     * Waits for {@code duration}.
     *
     * @param duration how long to wait
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}

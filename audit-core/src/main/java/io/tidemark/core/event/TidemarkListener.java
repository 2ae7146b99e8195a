package io.tidemark.core.event;

/**
 * Receives the {@linkplain TidemarkEvent events} of every run of a {@link io.tidemark.core.Tidemark}
 * it is registered with ({@link io.tidemark.core.TidemarkBuilder#listener(TidemarkListener)}).
 *
 * <p><b>Delivery.</b> Events are delivered synchronously on the thread that called
 * {@link io.tidemark.core.Tidemark#run()}, one at a time and in the order the run did things: a run's
 * events start with {@link RunStarted} and end with exactly one {@link RunFinished} or
 * {@link RunFailed}. Listeners receive each event in the order they were registered. Because
 * delivery is synchronous, a listener's time counts in the run's time (and, while the lock is held,
 * in the lease's time): do something quick, or hand the event to another thread. The same listener
 * may be registered with several Tidemark instances whose runs happen on different threads at once;
 * it is then called concurrently, once per run, and must be thread-safe for that.
 *
 * <p><b>Failures.</b> A listener cannot change the outcome of a run: whatever it throws is caught,
 * logged at WARN (once per listener and event type in a run; repeats at DEBUG), and the run goes on,
 * and the other listeners still receive the event. Only a {@link VirtualMachineError} (the JVM itself
 * failing, such as {@link OutOfMemoryError}) is let through.
 *
 * <p>Events describe; they give no handle on the run. A listener must not call back into the same
 * Tidemark (run it again, mark changes) from inside {@link #onEvent}.
 */
@FunctionalInterface
public interface TidemarkListener {

    /**
     * Called once for every event of every run, on the run's thread, in order.
     *
     * @param event what happened; never null
     */
    void onEvent(TidemarkEvent event);
}

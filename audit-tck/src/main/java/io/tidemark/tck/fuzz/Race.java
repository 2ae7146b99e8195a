package io.tidemark.tck.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts tasks on their own threads at the same instant and collects their results. */
public final class Race {

    private Race() {}

    /**
     * Runs each task on its own thread, all released together by one gate; waits for all of them up
     * to {@code limit}.
     *
     * @param <T>   the tasks' result type
     * @param tasks the tasks
     * @param limit the longest wait for all of them
     * @return the results, in the order of {@code tasks}
     * @throws AssertionError when a task threw or the limit passed (the message says which)
     */
    public static <T> List<T> run(List<Callable<T>> tasks, Duration limit) {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return task.call();
                }));
            }
            gate.countDown();
            long deadline = System.nanoTime() + limit.toNanos();
            List<T> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("Racing task " + i + " failed: " + e.getCause(), e.getCause());
                } catch (TimeoutException e) {
                    throw new AssertionError("Racing tasks did not finish within " + limit.toSeconds() + " s");
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while racing", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code count} copies of {@code task}, each given its index.
     *
     * @param <T>   the task's result type
     * @param count how many copies
     * @param task  the task
     * @return the copies, in index order
     */
    public static <T> List<Callable<T>> copies(int count, IndexedTask<T> task) {
        List<Callable<T>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            tasks.add(() -> task.call(index));
        }
        return tasks;
    }

    /** A task that knows its index among its copies. */
    @FunctionalInterface
    public interface IndexedTask<T> {
        /**
         * Runs the copy with index {@code index}.
         *
         * @param index the copy's index, from 0
         * @return the copy's result
         * @throws Exception whatever the task throws; the race reports it
         */
        T call(int index) throws Exception;
    }
}

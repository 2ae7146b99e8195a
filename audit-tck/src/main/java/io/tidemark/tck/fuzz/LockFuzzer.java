package io.tidemark.tck.fuzz;

import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many threads, each a distinct owner, racing for one lock key: each acquisition enters a critical
 * section that detects any overlap, records its fencing token, and releases. Leases are long, so
 * only release frees the key; the clock plays no part.
 */
public final class LockFuzzer {

    /**
     * What a race observed.
     *
     * @param acquisitions how many times some owner held the lock
     * @param overlaps     how many times an owner entered while another was inside (must be 0)
     * @param tokens       fencing tokens in the order the lock was held (must strictly increase)
     */
    public record Result(int acquisitions, int overlaps, List<Long> tokens) {}

    private LockFuzzer() {}

    /**
     * {@code threads} owners make {@code attemptsPerThread} attempts each on {@code key}.
     *
     * @param locks             the lock service under test
     * @param key               the lock key
     * @param threads           how many owners race
     * @param attemptsPerThread how many attempts each makes
     * @return what the race observed
     */
    public static Result race(LockService locks, String key, int threads, int attemptsPerThread) {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
        Race.run(
                Race.copies(threads, index -> {
                    String owner = "fuzz-owner-" + index;
                    for (int attempt = 0; attempt < attemptsPerThread; attempt++) {
                        Optional<Lease> lease = locks.tryAcquire(key, owner, Duration.ofHours(1));
                        if (lease.isPresent()) {
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            tokens.add(lease.get().token());
                            Thread.yield();
                            inside.decrementAndGet();
                            locks.release(lease.get());
                        } else {
                            Thread.yield();
                        }
                    }
                    return null;
                }),
                Duration.ofMinutes(3));
        return new Result(tokens.size(), overlaps.get(), List.copyOf(tokens));
    }

    /**
     * {@code threads} owners try once each, together, for a free key; returns the leases won.
     *
     * @param locks   the lock service under test
     * @param key     a free lock key
     * @param threads how many owners race
     * @return the leases won (exactly one when the service is right)
     */
    public static List<Lease> raceOnce(LockService locks, String key, int threads) {
        return Race.run(
                        Race.copies(
                                threads, index -> locks.tryAcquire(key, "once-owner-" + index, Duration.ofHours(1))),
                        Duration.ofMinutes(1))
                .stream()
                .flatMap(Optional::stream)
                .toList();
    }
}

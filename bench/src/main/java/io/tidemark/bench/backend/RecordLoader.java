package io.tidemark.bench.backend;

import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Puts sealed audit records of one chain, none of which is stored yet, into a backend as fast as
 * it takes them: how scenarios and tests set up long histories. Never measured. A backend may
 * load in bulk with its own raw requests (in the adapter's stored format), since the records are
 * known to be new.
 */
@FunctionalInterface
public interface RecordLoader {

    /**
     * Stores every one of {@code records}.
     *
     * @throws IllegalStateException when one could not be stored
     */
    void load(List<AuditRecord> records);

    /** Appends each record through {@code store}, {@code threads} at a time. */
    static RecordLoader appending(AuditStore store, int threads) {
        return records -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> appends = new ArrayList<>(records.size());
                for (AuditRecord record : records) {
                    appends.add(pool.submit(() -> {
                        if (!(store.append(record) instanceof AppendResult.Appended)) {
                            throw new IllegalStateException("Seq " + record.seq() + " of chain '" + record.chain()
                                    + "' was already taken: load records into an empty chain");
                        }
                    }));
                }
                for (Future<?> append : appends) {
                    append.get();
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException("Loading the records failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while loading records", e);
            } finally {
                pool.shutdownNow();
            }
        };
    }
}

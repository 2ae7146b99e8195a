package io.tidemark.bench.backend;

import io.tidemark.adapter.dynamodb.testing.AuditItems;
import io.tidemark.spi.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Loads audit items with {@code BatchWriteItem} (25 items a request, the service's limit), several
 * requests at a time, sending again whatever comes back unprocessed. The items are the adapter's
 * own format ({@link AuditItems}). Writes are unconditional: only for chains known to be empty.
 */
final class DynamoDbBatchLoader implements RecordLoader {

    private static final int ITEMS_PER_REQUEST = 25;
    private static final int THREADS = 8;
    private static final int ATTEMPTS = 10;

    private final DynamoDbClient client;
    private final String table;

    DynamoDbBatchLoader(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public void load(List<AuditRecord> records) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int from = 0; from < records.size(); from += ITEMS_PER_REQUEST) {
                List<WriteRequest> batch =
                        records.subList(from, Math.min(records.size(), from + ITEMS_PER_REQUEST)).stream()
                                .map(r -> WriteRequest.builder()
                                        .putRequest(p -> p.item(AuditItems.toItem(r)))
                                        .build())
                                .toList();
                batches.add(pool.submit(() -> write(batch)));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Loading audit items into " + table + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading audit items", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; attempt < ATTEMPTS && !pending.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> sending = pending;
            BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(sending));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.get(table).size() + " audit items stayed unprocessed in " + table);
        }
    }
}

package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.MongockChangeLog;
import io.tidemark.spi.MongockEntry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Mongock's change log in a DynamoDB table, as Mongock 5's {@code dynamodb-driver} writes it: partition
 * key {@code changeId} (S), sort key {@code executionId#author} (S), and the attributes
 * {@code executionId}, {@code author}, {@code timestamp} (N, epoch milliseconds), {@code state},
 * {@code type}, {@code changeLogClass}, {@code changeSetMethod}, {@code metadata} (S, JSON),
 * {@code executionMillis} (N), {@code executionHostname}, {@code errorTrace} and {@code systemChange}
 * (BOOL). A table has no order across partitions, so it is read with a consistent {@code Scan}, page
 * by page as the stream is consumed (the import orders the entries by timestamp); nothing is written
 * or created. This is the adapter's only {@code Scan}: Tidemark's own tables are always queried.
 */
final class DynamoDbMongockChangeLog implements MongockChangeLog {

    /** Items per {@code Scan} page. */
    static final int PAGE_SIZE = 100;

    private final DynamoDbRequests requests;
    private final DynamoDbSchema.Table table;

    DynamoDbMongockChangeLog(DynamoDbRequests requests, String name) {
        this.requests = requests;
        this.table = new DynamoDbSchema.Table(
                "Mongock change log",
                name,
                new DynamoDbSchema.KeyAttribute("changeId", ScalarAttributeType.S),
                Optional.of(new DynamoDbSchema.KeyAttribute("executionId#author", ScalarAttributeType.S)));
    }

    @Override
    public String describe() {
        return "Mongock's change log in DynamoDB table '" + table.name() + "' at " + requests.endpoint();
    }

    @Override
    public Stream<MongockEntry> entries() {
        boolean exists = requests.once(table, "describing Mongock's change log table", client -> {
            try {
                client.describeTable(r -> r.tableName(table.name()));
                return true;
            } catch (ResourceNotFoundException missing) {
                return false;
            }
        });
        if (!exists) {
            throw new ConfigurationException(describe() + " does not exist: check the table name (Mongock's default "
                    + "is mongockChangeLog; a Mongock configured with another migration repository name used that "
                    + "one) and the endpoint and region of the origin's configuration (tidemark.dynamodb.*).");
        }
        Iterator<MongockEntry> entries = new Iterator<>() {
            private final Deque<Map<String, AttributeValue>> page = new ArrayDeque<>();
            private Map<String, AttributeValue> startKey = Map.of();
            private boolean last;

            @Override
            public boolean hasNext() {
                while (page.isEmpty() && !last) {
                    Map<String, AttributeValue> from = startKey;
                    ScanResponse response = requests.once(
                            table,
                            "reading Mongock's change log",
                            client -> client.scan(r -> r.tableName(table.name())
                                    .consistentRead(true)
                                    .limit(PAGE_SIZE)
                                    .exclusiveStartKey(from.isEmpty() ? null : from)));
                    page.addAll(response.items());
                    startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
                    last = startKey.isEmpty();
                }
                return !page.isEmpty();
            }

            @Override
            public MongockEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return toEntry(page.removeFirst());
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED), false);
    }

    static MongockEntry toEntry(Map<String, AttributeValue> item) {
        return new MongockEntry(
                "key changeId=" + text(item, "changeId") + ", executionId#author=" + text(item, "executionId#author"),
                text(item, "executionId"),
                text(item, "changeId"),
                text(item, "author"),
                number(item, "timestamp").map(Instant::ofEpochMilli),
                text(item, "state"),
                text(item, "type"),
                text(item, "changeLogClass"),
                text(item, "changeSetMethod"),
                text(item, "metadata"),
                number(item, "executionMillis").orElse(-1L),
                text(item, "executionHostname"),
                text(item, "errorTrace"),
                item.containsKey("systemChange")
                        && Boolean.TRUE.equals(item.get("systemChange").bool()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return "";
        }
        return value.s() != null ? value.s() : value.n() != null ? value.n() : "";
    }

    private static Optional<Long> number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        try {
            return value == null || value.n() == null ? Optional.empty() : Optional.of(Long.parseLong(value.n()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

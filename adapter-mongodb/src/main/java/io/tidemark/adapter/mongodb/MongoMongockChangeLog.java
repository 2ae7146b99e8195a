package io.tidemark.adapter.mongodb;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Sorts;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.MongockChangeLog;
import io.tidemark.spi.MongockEntry;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.Document;

/**
 * Mongock's change log in a collection of the store's database, as Mongock 5's MongoDB drivers
 * ({@code mongodb-sync-v4-driver}, {@code mongodb-springdata-v3-driver}, ...) write it: one document per
 * entry, with the fields {@code executionId}, {@code changeId}, {@code author}, {@code timestamp} (a
 * date), {@code state}, {@code type}, {@code changeLogClass}, {@code changeSetMethod}, {@code metadata}
 * (a document), {@code executionMillis}, {@code executionHostname}, {@code errorTrace} and
 * {@code systemChange}. Read with one {@code find} sorted by timestamp, streamed in batches through
 * {@link MongoRequests}; nothing is written or created.
 */
final class MongoMongockChangeLog implements MongockChangeLog {

    private static final int BATCH_SIZE = 500;

    private final MongoRequests requests;
    private final String collection;

    MongoMongockChangeLog(MongoRequests requests, String collection) {
        this.requests = requests;
        this.collection = collection;
    }

    @Override
    public String describe() {
        return "Mongock's change log in " + requests.failures().describe(collection);
    }

    @Override
    public Stream<MongockEntry> entries() {
        boolean exists = requests.database(
                        collection,
                        "listing collections",
                        database -> database.listCollectionNames().into(new HashSet<>()),
                        failure -> Optional.empty())
                .contains(collection);
        if (!exists) {
            throw new ConfigurationException(describe() + " does not exist: check the collection name (Mongock's "
                    + "default is mongockChangeLog; a Mongock configured with another name, such as "
                    + "mongock.migration-repository-name, used that one) and the database (tidemark.mongodb.database "
                    + "of the origin's configuration).");
        }
        MongoCursor<Document> cursor = requests.database(
                collection,
                "reading Mongock's change log",
                database -> database.getCollection(collection)
                        .find()
                        .sort(Sorts.ascending("timestamp", "_id"))
                        .batchSize(BATCH_SIZE)
                        .iterator(),
                failure -> Optional.empty());
        Iterator<MongockEntry> entries = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return requests.call(
                        collection, "reading Mongock's change log", cursor::hasNext, failure -> Optional.empty());
            }

            @Override
            public MongockEntry next() {
                return toEntry(requests.call(
                        collection, "reading Mongock's change log", cursor::next, failure -> Optional.empty()));
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED), false)
                .onClose(cursor::close);
    }

    static MongockEntry toEntry(Document document) {
        return MongockEntry.fromDocument(
                "_id " + MongockEntry.text(document.get("_id")),
                document::get,
                value -> value instanceof Document nested
                        ? Optional.of(nested.isEmpty() ? "" : nested.toJson())
                        : Optional.empty());
    }
}

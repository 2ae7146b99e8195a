package io.tidemark.it.backend;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.tidemark.adapter.mongodb.MongoAuditStoreProvider;
import java.util.Map;
import org.bson.Document;

/** Counters as documents {@code {_id: name, value: n}} in collection {@value #COLLECTION}, changed with {@code $inc}. */
final class MongoCounters implements Counters {

    static final String COLLECTION = "itCounters";

    private final MongoCollection<Document> counters;
    private final MongoClient ownedClient;

    private MongoCounters(MongoClient client, String database, boolean ownsClient) {
        this.counters = client.getDatabase(database).getCollection(COLLECTION);
        this.ownedClient = ownsClient ? client : null;
    }

    /** In the database {@code configuration} names, with a client of their own. */
    static MongoCounters connect(Map<String, String> configuration) {
        return new MongoCounters(
                MongoClients.create(configuration.get(MongoAuditStoreProvider.URI)),
                configuration.get(MongoAuditStoreProvider.DATABASE),
                true);
    }

    /** In the database {@code configuration} names, over {@code client}, which stays open. */
    static MongoCounters over(MongoClient client, Map<String, String> configuration) {
        return new MongoCounters(client, configuration.get(MongoAuditStoreProvider.DATABASE), false);
    }

    @Override
    public void add(String name, long delta) {
        counters.updateOne(eq("_id", name), Updates.inc("value", delta), new UpdateOptions().upsert(true));
    }

    @Override
    public long get(String name) {
        Document counter = counters.find(eq("_id", name)).first();
        return counter == null ? 0 : counter.get("value", Number.class).longValue();
    }

    @Override
    public void close() {
        if (ownedClient != null) {
            ownedClient.close();
        }
    }
}

package io.tidemark.mongock.units;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * What the change units change: a counter per effect in the {@code effects} collection of the
 * application's database, incremented by an execution and decremented by its rollback, so that a test
 * sees how many times each change's effect happened, whichever tool ran it.
 */
public final class Effects {

    public static final String COLLECTION = "effects";

    private Effects() {}

    public static void add(MongoDatabase database, String effect, int delta) {
        database.getCollection(COLLECTION)
                .updateOne(Filters.eq("_id", effect), Updates.inc("count", delta), new UpdateOptions().upsert(true));
    }

    public static int count(MongoDatabase database, String effect) {
        Document found = database.getCollection(COLLECTION)
                .find(Filters.eq("_id", effect))
                .first();
        return found == null ? 0 : found.getInteger("count", 0);
    }
}

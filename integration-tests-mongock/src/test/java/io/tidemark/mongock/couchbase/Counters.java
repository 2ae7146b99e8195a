package io.tidemark.mongock.couchbase;

import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.Collection;
import com.couchbase.client.java.json.JsonObject;

/**
 * What the Couchbase change units change: one counter document per effect ({@code effect::<name>}),
 * so that a test sees how many times each change's effect happened, whichever tool ran it.
 */
public final class Counters {

    private Counters() {}

    public static void add(Collection collection, String effect, int delta) {
        collection.upsert(key(effect), JsonObject.create().put("count", count(collection, effect) + delta));
    }

    public static int count(Collection collection, String effect) {
        try {
            return collection.get(key(effect)).contentAsObject().getInt("count");
        } catch (DocumentNotFoundException e) {
            return 0;
        }
    }

    private static String key(String effect) {
        return "effect::" + effect;
    }
}

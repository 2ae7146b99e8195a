package io.tidemark.cli;

import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.Collection;
import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.adapter.couchbase.testing.RawAuditDocuments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CliExtras} on CouchbaseMock: a named scope and collection no one created, and the first
 * documents a store writes looked up with the fixture's collection.
 */
final class CouchbaseCliExtras implements CliExtras {

    private static final String KEY_PREFIX = "tidemark.couchbase.key-prefix";
    private static final String SCOPE = "tidemark.couchbase.scope";
    private static final String COLLECTION = "tidemark.couchbase.collection";

    private final CouchbaseFixture fixture;
    private final Namespaces namespaces;

    CouchbaseCliExtras(CouchbaseFixture fixture, Namespaces namespaces) {
        this.fixture = fixture;
        this.namespaces = namespaces;
    }

    /**
     * A named scope and collection: the default collection of a bucket needs no set-up, so nothing
     * can be missing there. (CouchbaseMock has no named collections at all, which the adapter reports
     * as missing too.)
     */
    @Override
    public Map<String, String> withoutTables() {
        Map<String, String> keys = new HashMap<>(fixture.configuration(namespaces.fresh("cli")));
        keys.put(SCOPE, namespaces.fresh("absent"));
        keys.put(COLLECTION, "audit");
        return keys;
    }

    @Override
    public String missingName(Map<String, String> config) {
        return config.get(SCOPE) + "." + config.get(COLLECTION);
    }

    /** The documents a store under the config's key prefix writes first: the lock, the tip hint, the first record. */
    @Override
    public List<String> storedFor(Map<String, String> config) {
        String prefix = config.get(KEY_PREFIX);
        Collection collection = fixture.collection();
        List<String> stored = new ArrayList<>();
        for (String key : List.of(
                prefix + "::lock::default",
                prefix + "::lock::default.doctor-probe",
                prefix + "::default::tip",
                new RawAuditDocuments(collection, prefix).recordKey("default", 1))) {
            try {
                collection.get(key);
                stored.add(key);
            } catch (DocumentNotFoundException absent) {
                // not there: as it should be
            }
        }
        return stored;
    }

    /** The fixture's, with user {@code ops} and the secret as password. */
    @Override
    public Map<String, String> unreachableWithSecret() {
        Map<String, String> keys = new HashMap<>(fixture.unreachableConfiguration());
        keys.put("tidemark.couchbase.username", "ops");
        keys.put("tidemark.couchbase.password", SECRET);
        return keys;
    }
}

package io.tidemark.cli;

import io.tidemark.adapter.mongodb.testing.MongoFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link CliExtras} on mongo-java-server: a database no one used, and its collections listed with the fixture's client. */
final class MongoCliExtras implements CliExtras {

    private static final String URI = "tidemark.mongodb.uri";
    private static final String DATABASE = "tidemark.mongodb.database";
    private static final String SCHEME = "mongodb://";

    private final MongoFixture fixture;
    private final Namespaces namespaces;

    MongoCliExtras(MongoFixture fixture, Namespaces namespaces) {
        this.fixture = fixture;
        this.namespaces = namespaces;
    }

    @Override
    public Map<String, String> withoutTables() {
        return fixture.configuration(namespaces.fresh("absent"));
    }

    @Override
    public String missingName(Map<String, String> config) {
        return "tidemarkAudit";
    }

    @Override
    public List<String> storedFor(Map<String, String> config) {
        String database = config.get(DATABASE);
        List<String> stored = new ArrayList<>();
        fixture.client().getDatabase(database).listCollectionNames().forEach(name -> stored.add(database + "." + name));
        return stored;
    }

    /** The fixture's, with user {@code ops} and the secret as password in the connection string. */
    @Override
    public Map<String, String> unreachableWithSecret() {
        Map<String, String> keys = new HashMap<>(fixture.unreachableConfiguration());
        String uri = keys.get(URI);
        if (!uri.startsWith(SCHEME)) {
            throw new IllegalStateException("expected a " + SCHEME + " connection string, got " + uri);
        }
        keys.put(URI, SCHEME + "ops:" + SECRET + "@" + uri.substring(SCHEME.length()));
        return keys;
    }
}

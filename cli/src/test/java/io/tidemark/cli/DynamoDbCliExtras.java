package io.tidemark.cli;

import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import java.util.List;
import java.util.Map;

/** {@link CliExtras} on dynalite: a table prefix no one used, and the tables listed with the fixture's client. */
final class DynamoDbCliExtras implements CliExtras {

    private static final String TABLE_PREFIX = "tidemark.dynamodb.table-prefix";

    private final DynamoDbFixture fixture;
    private final Namespaces namespaces;

    DynamoDbCliExtras(DynamoDbFixture fixture, Namespaces namespaces) {
        this.fixture = fixture;
        this.namespaces = namespaces;
    }

    @Override
    public Map<String, String> withoutTables() {
        return fixture.configuration(namespaces.fresh("absent"));
    }

    @Override
    public String missingName(Map<String, String> config) {
        return config.get(TABLE_PREFIX) + "tidemark_audit";
    }

    @Override
    public List<String> storedFor(Map<String, String> config) {
        String prefix = config.get(TABLE_PREFIX);
        return fixture.client().listTables().tableNames().stream()
                .filter(name -> name.startsWith(prefix))
                .toList();
    }

    /** The fixture's: a DynamoDB configuration here holds no secret. */
    @Override
    public Map<String, String> unreachableWithSecret() {
        return fixture.unreachableConfiguration();
    }
}

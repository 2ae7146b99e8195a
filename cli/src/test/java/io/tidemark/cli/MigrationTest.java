package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tidemark migrate} moving one chain MongoDB → DynamoDB → Couchbase, every hash kept. */
class MigrationTest {

    private static MongoCliBackend mongo;
    private static DynamoDbCliBackend dynamo;
    private static CouchbaseCliBackend couchbase;

    private final List<AuditStore> opened = new ArrayList<>();

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        mongo = new MongoCliBackend();
        dynamo = new DynamoDbCliBackend();
        couchbase = new CouchbaseCliBackend();
    }

    @AfterAll
    static void stop() {
        mongo.close();
        dynamo.close();
        couchbase.close();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(AuditStore::close);
    }

    private AuditStore open(Map<String, String> keys) {
        AuditStore store = Tidemark.builder().configuration(TidemarkConfig.of(ConfigSource.of("test", keys)))
                .buildOperator().store();
        opened.add(store);
        return store;
    }

    @Test
    void aChainMovesAcrossAllThreeStoresWithEveryHashAndVerifies() {
        Map<String, String> fromMongo = mongo.newNamespace();
        Map<String, String> toDynamo = dynamo.newNamespace();
        Map<String, String> toCouchbase = couchbase.newNamespace();
        AuditStore source = open(fromMongo);
        Tidemark.builder().auditStore(source).configuration(TidemarkConfig.of()).chain("billing")
                .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new)).dependency(new ChangeTarget()).build().run();
        List<AuditRecord> original = source.history().readAll("billing").toList();

        CliRun first = CliRun.of("", Map.of(), "migrate", "--chain", "billing",
                "--from", CliBackend.write(directory, "mongo", fromMongo).toString(),
                "--to", CliBackend.write(directory, "dynamo", toDynamo).toString());
        CliRun second = CliRun.of("", Map.of(), "migrate", "--chain", "billing", "--json",
                "--from", CliBackend.write(directory, "dynamo", toDynamo).toString(),
                "--to", CliBackend.write(directory, "couchbase", toCouchbase).toString());

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).isEmpty();
        assertThat(first.err()).contains("Migrated 9 records of chain 'billing'", "verified intact",
                original.get(8).hash());
        assertThat(first.err()).contains("Migrating chain 'billing'", "verifying: 9 records", "writing: 9 records");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.json().get("tipHash").asText()).isEqualTo(original.get(8).hash());
        assertThat(open(toDynamo).history().readAll("billing").toList()).isEqualTo(original);
        assertThat(open(toCouchbase).history().readAll("billing").toList()).isEqualTo(original);
        assertThat(CliRun.of("", Map.of(), "verify", "--chain", "billing", "--config",
                CliBackend.write(directory, "final", toCouchbase).toString()).exitCode()).isZero();
    }

    @Test
    void migratingOntoANonEmptyChainWritesNothing() {
        Map<String, String> from = mongo.newNamespace();
        Map<String, String> to = dynamo.newNamespace();
        for (Map<String, String> keys : List.of(from, to)) {
            Tidemark.builder().auditStore(open(keys)).configuration(TidemarkConfig.of())
                    .changeUnits(SampleChanges.CreateAccounts.class).dependency(new ChangeTarget()).build().run();
        }

        CliRun run = CliRun.of("", Map.of(), "migrate", "--from", CliBackend.write(directory, "from", from).toString(),
                "--to", CliBackend.write(directory, "to", to).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("is not empty");
        assertThat(open(to).history().readAll("default").count()).isEqualTo(3);
    }

    @Test
    void aSourceWithoutTablesIsReportedAndNothingIsCreatedOnEitherSide() {
        Map<String, String> from = dynamo.withoutTables();
        Map<String, String> to = mongo.withoutTables();

        CliRun run = CliRun.of("", Map.of(), "migrate", "--from", CliBackend.write(directory, "from", from).toString(),
                "--to", CliBackend.write(directory, "to", to).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains(dynamo.missingName(from), "the source of tidemark migrate creates nothing");
        assertThat(dynamo.storedFor(from)).isEmpty();
        assertThat(mongo.storedFor(to)).isEmpty();
    }
}

package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.internal.chain.HashChain;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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

    private static final Namespaces NAMESPACES = new Namespaces();
    private static MongoFixture mongo;
    private static DynamoDbFixture dynamo;
    private static CouchbaseFixture couchbase;
    private static CliExtras mongoExtras;
    private static CliExtras dynamoExtras;

    private final List<AuditStore> opened = new ArrayList<>();

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        mongo = MongoFixture.startEmbedded();
        dynamo = DynamoDbFixture.startDynalite();
        couchbase = CouchbaseFixture.startMock();
        mongoExtras = new MongoCliExtras(mongo, NAMESPACES);
        dynamoExtras = new DynamoDbCliExtras(dynamo, NAMESPACES);
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
        AuditStore store = Tidemark.builder()
                .configuration(TidemarkConfig.of(ConfigSource.of("test", keys)))
                .buildOperator()
                .store();
        opened.add(store);
        return store;
    }

    @Test
    void aChainMovesAcrossAllThreeStoresWithEveryHashAndVerifies() {
        Map<String, String> fromMongo = mongo.configuration(NAMESPACES.fresh("from"));
        Map<String, String> toDynamo = dynamo.configuration(NAMESPACES.fresh("to"));
        Map<String, String> toCouchbase = couchbase.configuration(NAMESPACES.fresh("to"));
        AuditStore source = open(fromMongo);
        Tidemark.builder()
                .auditStore(source)
                .configuration(TidemarkConfig.of())
                .chain("billing")
                .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new))
                .dependency(new ChangeTarget())
                .build()
                .run();
        List<AuditRecord> original = source.history().readAll("billing").toList();

        CliRun first = CliRun.of(
                "",
                Map.of(),
                "migrate",
                "--chain",
                "billing",
                "--from",
                ConfigFile.write(directory, "mongo", fromMongo).toString(),
                "--to",
                ConfigFile.write(directory, "dynamo", toDynamo).toString());
        CliRun second = CliRun.of(
                "",
                Map.of(),
                "migrate",
                "--chain",
                "billing",
                "--json",
                "--from",
                ConfigFile.write(directory, "dynamo", toDynamo).toString(),
                "--to",
                ConfigFile.write(directory, "couchbase", toCouchbase).toString());

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).isEmpty();
        assertThat(first.err())
                .contains(
                        "Migrated 9 records of chain 'billing'",
                        "verified intact",
                        original.get(8).hash());
        assertThat(first.err()).contains("Migrating chain 'billing'", "verifying: 9 records", "writing: 9 records");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.json().get("tipHash").asText())
                .isEqualTo(original.get(8).hash());
        assertThat(open(toDynamo).history().readAll("billing").toList()).isEqualTo(original);
        assertThat(open(toCouchbase).history().readAll("billing").toList()).isEqualTo(original);
        assertThat(CliRun.of(
                                "",
                                Map.of(),
                                "verify",
                                "--chain",
                                "billing",
                                "--config",
                                ConfigFile.write(directory, "final", toCouchbase)
                                        .toString())
                        .exitCode())
                .isZero();
    }

    @Test
    void anImportCutOffByTheTargetGoingAwaySaysWhatWasWrittenAndHowToRecover() throws Exception {
        Path file = directory.resolve("long.jsonl");
        List<String> lines = new ArrayList<>();
        String previous = AuditRecord.GENESIS_HASH;
        for (long seq = 1; seq <= 1_500; seq++) {
            AuditRecord record = HashChain.seal(AuditRecord.builder()
                    .chain("default")
                    .seq(seq)
                    .executionId("run-1")
                    .changeId("change-" + seq)
                    .author("ops")
                    .order(Long.toString(seq))
                    .state(AuditState.MARKED_APPLIED)
                    .timestamp(Instant.parse("2024-05-01T10:00:00Z").plusSeconds(seq))
                    .host("host")
                    .instanceId("pod-1")
                    .className("com.example.Change" + seq)
                    .methodName("apply")
                    .previousHash(previous)
                    .build());
            previous = record.hash();
            lines.add(RecordJson.toLine(record));
        }
        Files.write(file, lines);
        EmbeddedMongoServer server = EmbeddedMongoServer.start();
        MongoFixture target = MongoFixture.over(server.connectionString(), "goes away", server);
        Path config = ConfigFile.write(directory, "target", target.configuration(NAMESPACES.fresh("cut")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream() {
            private boolean stopped;

            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                super.write(bytes, offset, length);
                if (!stopped && toString(StandardCharsets.UTF_8).contains("writing: 1000 records")) {
                    stopped = true;
                    target.close();
                }
            }
        };

        int code = TidemarkCli.execute(
                new String[] {"import", "--in", file.toString(), "--config", config.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]),
                Map.of(),
                Clock.systemUTC());

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(printed)
                .contains(
                        "records 1 to 1000 of 1500 were written",
                        "an incomplete copy",
                        "import into another table, collection or key prefix")
                .doesNotContain("\tat ");
    }

    @Test
    void migratingOntoANonEmptyChainWritesNothing() {
        Map<String, String> from = mongo.configuration(NAMESPACES.fresh("from"));
        Map<String, String> to = dynamo.configuration(NAMESPACES.fresh("to"));
        for (Map<String, String> keys : List.of(from, to)) {
            Tidemark.builder()
                    .auditStore(open(keys))
                    .configuration(TidemarkConfig.of())
                    .changeUnits(SampleChanges.CreateAccounts.class)
                    .dependency(new ChangeTarget())
                    .build()
                    .run();
        }

        CliRun run = CliRun.of(
                "",
                Map.of(),
                "migrate",
                "--from",
                ConfigFile.write(directory, "from", from).toString(),
                "--to",
                ConfigFile.write(directory, "to", to).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("is not empty");
        assertThat(open(to).history().readAll("default").count()).isEqualTo(3);
    }

    @Test
    void aSourceWithoutTablesIsReportedAndNothingIsCreatedOnEitherSide() {
        Map<String, String> from = dynamoExtras.withoutTables();
        Map<String, String> to = mongoExtras.withoutTables();

        CliRun run = CliRun.of(
                "",
                Map.of(),
                "migrate",
                "--from",
                ConfigFile.write(directory, "from", from).toString(),
                "--to",
                ConfigFile.write(directory, "to", to).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err())
                .contains(dynamoExtras.missingName(from), "the source of tidemark migrate creates nothing");
        assertThat(dynamoExtras.storedFor(from)).isEmpty();
        assertThat(mongoExtras.storedFor(to)).isEmpty();
    }
}

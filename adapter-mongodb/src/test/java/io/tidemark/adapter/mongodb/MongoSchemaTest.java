package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.tidemark.adapter.mongodb.testing.CommandLog;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link MongoSchema} through {@code initialize()}: creating the collections and the unique index, or verifying them and naming what is missing. */
class MongoSchemaTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedMongoServer mongo;
    private static CommandLog commands;
    private static MongoClient client;

    private MongoDatabase database;

    @BeforeAll
    static void startServer() {
        mongo = EmbeddedMongoServer.start();
        commands = new CommandLog();
        client = mongo.newClient(settings -> settings.addCommandListener(commands));
    }

    @AfterAll
    static void stopServer() {
        client.close();
        mongo.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = client.getDatabase("setup_" + DATABASES.incrementAndGet());
        commands.clear();
    }

    private MongoAuditStore.Builder builder() {
        return MongoAuditStore.builder(client, database.getName()).clock(MutableClock.atFixedStart());
    }

    private MongoAuditStore store(MongoAuditStore.Builder builder) {
        return builder.build();
    }

    private List<String> collections() {
        return database.listCollectionNames().into(new ArrayList<>());
    }

    private List<Document> indexes(String collection) {
        return database.getCollection(collection).listIndexes().into(new ArrayList<>());
    }

    private static boolean isUniqueChainSeq(Document index) {
        return index.get("key", Document.class).equals(new Document("chain", 1).append("seq", 1))
                && Boolean.TRUE.equals(index.get("unique"));
    }

    @Test
    void autoCreateMakesBothCollectionsAndTheUniqueIndex() {
        store(builder()).initialize();

        assertThat(collections()).contains("tidemarkAudit", "tidemarkLock");
        assertThat(indexes("tidemarkAudit")).anyMatch(MongoSchemaTest::isUniqueChainSeq);
    }

    @Test
    void autoCreateUsesTheConfiguredNames() {
        store(builder().auditCollection("migrations.audit").lockCollection("migrations.lock"))
                .initialize();

        assertThat(collections())
                .contains("migrations.audit", "migrations.lock")
                .doesNotContain("tidemarkAudit");
        assertThat(indexes("migrations.audit")).anyMatch(MongoSchemaTest::isUniqueChainSeq);
    }

    @Test
    void initializeWorksOnceAndAcceptsWhatAnotherInstanceCreated() {
        store(builder()).initialize();
        MongoAuditStore second = store(builder());
        commands.clear();

        second.initialize();
        second.initialize();
        second.append(TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH));
        second.initialize();

        assertThat(commands.commands()).containsExactly("createIndexes", "create", "insert");
    }

    @Test
    void theFirstAppendOfAnUninitializedStoreCreatesTheFenceFirst() {
        MongoAuditStore store = store(builder());
        AuditRecord first = TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH);

        assertThat(store.append(first)).isEqualTo(new AppendResult.Appended(1));

        assertThat(indexes("tidemarkAudit")).anyMatch(MongoSchemaTest::isUniqueChainSeq);
        assertThat(store.append(TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH)))
                .isEqualTo(new AppendResult.SequenceConflict("c", 1));
    }

    @Test
    void readsOfAnUninitializedStoreCreateNothing() {
        MongoAuditStore store = store(builder().autoCreate(false));

        assertThat(store.history().tip("c")).isEmpty();
        assertThat(store.history().readAll("c").toList()).isEmpty();
        assertThat(store.lockService().inspect("c")).isEmpty();
        assertThat(collections()).isEmpty();
    }

    @Test
    void verifyNamesEveryMissingPieceWithTheCommandThatCreatesIt() {
        MongoAuditStore store = store(builder().autoCreate(false));

        ConfigurationException error = catchThrowableOfType(ConfigurationException.class, store::initialize);

        assertThat(error.problems()).hasSize(3);
        assertThat(error.problems().get(0))
                .contains(
                        "tidemarkAudit",
                        "is missing",
                        database.getName(),
                        "db.createCollection(\"tidemarkAudit\")",
                        "autoCreate(true) on MongoAuditStore.builder")
                .doesNotContain("tidemark.mongodb.auto-create");
        assertThat(error.problems().get(1))
                .contains(
                        "unique index {chain: 1, seq: 1}",
                        "db.tidemarkAudit.createIndex({chain: 1, seq: 1}, {unique: true})");
        assertThat(error.problems().get(2)).contains("tidemarkLock", "db.createCollection(\"tidemarkLock\")");
        assertThat(collections()).isEmpty();
    }

    @Test
    void aStoreFromConfigurationNamesTheKeyThatTurnsAutoCreateOnNotTheBuilderCall() {
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.of(
                "test",
                Map.of(
                        MongoAuditStoreProvider.URI,
                        mongo.connectionString(),
                        MongoAuditStoreProvider.DATABASE,
                        database.getName(),
                        MongoAuditStoreProvider.AUTO_CREATE,
                        "false")));

        try (MongoAuditStore store = new MongoAuditStoreProvider().create(config, MutableClock.atFixedStart())) {
            ConfigurationException error = catchThrowableOfType(ConfigurationException.class, store::initialize);

            assertThat(error.problems())
                    .hasSize(3)
                    .allSatisfy(problem -> assertThat(problem)
                            .contains("tidemark.mongodb.auto-create=true")
                            .doesNotContain("builder", "autoCreate("));
        }
        assertThat(collections()).isEmpty();
    }

    @Test
    void verifyNamesAMissingIndexOnAnExistingCollection() {
        database.createCollection("tidemarkAudit");
        database.createCollection("tidemarkLock");
        MongoAuditStore store = store(builder().autoCreate(false));

        ConfigurationException error = catchThrowableOfType(ConfigurationException.class, store::initialize);

        assertThat(error.problems())
                .singleElement()
                .asString()
                .contains(
                        "unique index {chain: 1, seq: 1}",
                        "tidemarkAudit",
                        "createIndex({chain: 1, seq: 1}, {unique: true})");
    }

    @Test
    void verifyRejectsAnIndexThatIsNotUnique() {
        database.getCollection("tidemarkAudit").createIndex(Indexes.ascending("chain", "seq"));
        database.createCollection("tidemarkLock");
        MongoAuditStore store = store(builder().autoCreate(false));

        ConfigurationException error = catchThrowableOfType(ConfigurationException.class, store::initialize);

        assertThat(error.problems()).singleElement().asString().contains("unique index {chain: 1, seq: 1}");
    }

    @Test
    void verifyRejectsAPartialUniqueIndexSinceItFencesOnlySomeRecords() {
        database.getCollection("tidemarkAudit")
                .createIndex(
                        Indexes.ascending("chain", "seq"),
                        new IndexOptions().unique(true).partialFilterExpression(new Document("state", "FAILED")));
        database.createCollection("tidemarkLock");
        MongoAuditStore store = store(builder().autoCreate(false));

        ConfigurationException error = catchThrowableOfType(ConfigurationException.class, store::initialize);

        assertThat(error).isNotNull();
        assertThat(error.problems())
                .singleElement()
                .asString()
                .contains(
                        "chain_1_seq_1",
                        "partial",
                        "db.tidemarkAudit.dropIndex(\"chain_1_seq_1\")",
                        "createIndex({chain: 1, seq: 1}, {unique: true})");
    }

    @Test
    void verifyAcceptsCollectionsCreatedByHandAndThenTheStoreWorks() {
        database.getCollection("tidemarkAudit")
                .createIndex(
                        Indexes.ascending("chain", "seq"),
                        new IndexOptions().unique(true).name("made_by_the_dba"));
        database.createCollection("tidemarkLock");
        MongoAuditStore store = store(builder().autoCreate(false));

        store.initialize();

        AuditRecord first = TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH);
        assertThat(store.append(first)).isEqualTo(new AppendResult.Appended(1));
        assertThat(store.append(first)).isEqualTo(new AppendResult.SequenceConflict("c", 1));
        assertThat(store.lockService().tryAcquire("c", "alice", Duration.ofMinutes(1)))
                .isPresent();
    }

    @Test
    void withAutoCreateOffWritesRefuseToRunOnMissingCollectionsAndWriteNothing() {
        MongoAuditStore store = store(builder().autoCreate(false));

        ConfigurationException append = catchThrowableOfType(
                ConfigurationException.class,
                () -> store.append(TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH)));
        ConfigurationException lock = catchThrowableOfType(
                ConfigurationException.class,
                () -> store.lockService().tryAcquire("c", "alice", Duration.ofMinutes(1)));

        assertThat(append).hasMessageContaining("tidemarkAudit").hasMessageContaining("missing");
        assertThat(lock).hasMessageContaining("tidemarkLock").hasMessageContaining("missing");
        assertThat(collections()).isEmpty();
    }

    @Test
    void autoCreateRefusesANonUniqueIndexInTheWayAndSaysHowToFixIt() {
        database.getCollection("tidemarkAudit").createIndex(Indexes.ascending("chain", "seq"));
        MongoAuditStore store = store(builder());

        ConfigurationException error = catchThrowableOfType(ConfigurationException.class, store::initialize);

        assertThat(error)
                .hasMessageContaining("not the unique index")
                .hasMessageContaining("db.tidemarkAudit.dropIndex(\"chain_1_seq_1\")");
    }

    @Test
    void autoCreateRefusesACollectionWithDuplicateSequences() {
        Document record = MongoRecordCodec.toDocument(TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH));
        database.getCollection("tidemarkAudit").insertOne(new Document(record));
        database.getCollection("tidemarkAudit").insertOne(new Document(record));
        MongoAuditStore store = store(builder());

        ConfigurationException error = catchThrowableOfType(ConfigurationException.class, store::initialize);

        assertThat(error).hasMessageContaining("same chain and seq").hasMessageContaining("tidemarkAudit");
    }
}

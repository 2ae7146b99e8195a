package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.tck.TestRecords;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link MongoAuditStore.Builder}: what code may set, and every value it refuses, all at once. */
class MongoAuditStoreBuilderTest {

    private static EmbeddedMongoServer mongo;

    @BeforeAll
    static void startServer() {
        mongo = EmbeddedMongoServer.start();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    private static ConfigurationException buildFails(MongoAuditStore.Builder builder) {
        return catchThrowableOfType(ConfigurationException.class, builder::build);
    }

    @Test
    void theDefaultsAreMajorityJournaledWritesAndMajorityReadsFromThePrimary() {
        MongoSettings settings =
                MongoAuditStore.builder(mongo.client(), "builder").build().settings();

        assertThat(settings.writeConcern()).isEqualTo(WriteConcern.MAJORITY.withJournal(true));
        assertThat(settings.readConcern()).isEqualTo(ReadConcern.MAJORITY);
        assertThat(settings.readPreference()).isEqualTo(ReadPreference.primary());
        assertThat(settings.pageSize()).isEqualTo(MongoAuditStore.DEFAULT_PAGE_SIZE);
        assertThat(settings.autoCreate()).isTrue();
    }

    @Test
    void concernsAtLeastAsStrongAreAccepted() {
        MongoSettings settings = MongoAuditStore.builder(mongo.client(), "builder")
                .writeConcern(WriteConcern.MAJORITY.withWTimeout(5, TimeUnit.SECONDS))
                .readConcern(ReadConcern.LINEARIZABLE)
                .build()
                .settings();

        assertThat(settings.writeConcern()).isEqualTo(WriteConcern.MAJORITY.withWTimeout(5, TimeUnit.SECONDS));
        assertThat(settings.readConcern()).isEqualTo(ReadConcern.LINEARIZABLE);
    }

    @Test
    void weakerConcernsAreRefusedSayingWhatTheyRisk() {
        ConfigurationException error = buildFails(MongoAuditStore.builder(mongo.client(), "builder")
                .writeConcern(WriteConcern.W1.withJournal(false))
                .readConcern(ReadConcern.AVAILABLE)
                .readPreference(ReadPreference.secondaryPreferred()));

        assertThat(error.problems())
                .hasSize(4)
                .allSatisfy(problem -> assertThat(problem).contains("Leave the store's default"));
        assertThat(error.problems().get(0)).contains("w: 1", "lost in a failover");
        assertThat(error.problems().get(1)).contains("journal: false");
        assertThat(error.problems().get(2)).contains("read concern available", "rolls back");
        assertThat(error.problems().get(3)).contains("secondaryPreferred", "lags behind");
    }

    @Test
    void theServersDefaultConcernsAreRefusedToo() {
        ConfigurationException error = buildFails(MongoAuditStore.builder(mongo.client(), "builder")
                .writeConcern(WriteConcern.ACKNOWLEDGED)
                .readConcern(ReadConcern.DEFAULT));

        assertThat(error.problems()).hasSize(2);
        assertThat(error.problems().get(0)).contains("server's default (no w)");
        assertThat(error.problems().get(1)).contains("read concern of the server's default");
    }

    @Test
    void everyInvalidValueIsReportedAtOnce() {
        ConfigurationException error = buildFails(MongoAuditStore.builder(mongo.client(), "my.db")
                .auditCollection("same")
                .lockCollection("same")
                .pageSize(0));

        assertThat(error.problems()).hasSize(3);
        assertThat(error.problems().get(0)).contains("database name 'my.db'");
        assertThat(error.problems().get(1)).contains("must differ");
        assertThat(error.problems().get(2)).contains("page size", "was 0");
    }

    @Test
    void aClientPassedInKeepsItsOwnWaitAndRefusesAConnectTimeout() {
        ConfigurationException error =
                buildFails(MongoAuditStore.builder(mongo.client(), "builder").connectTimeout(Duration.ofSeconds(2)));

        assertThat(error.problems())
                .singleElement()
                .asString()
                .contains("connectTimeout", "MongoClient passed in", "serverSelectionTimeout");
        assertThat(MongoAuditStore.builder(mongo.client(), "builder").build().serverWait())
                .contains(Duration.ofSeconds(5));
    }

    @Test
    void aConnectTimeoutOutOfRangeIsRefused() {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString()))
                .build();

        for (Duration wait : new Duration[] {Duration.ZERO, Duration.ofMillis(99), Duration.ofMinutes(11)}) {
            assertThat(buildFails(MongoAuditStore.builder(settings, "builder").connectTimeout(wait))
                            .problems())
                    .singleElement()
                    .asString()
                    .contains("connect timeout", "from 100ms to 10m");
        }
    }

    @Test
    void aStoreThatCreatesItsClientWorksAndClosesIt() {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString()))
                .build();
        AuditRecord first = TestRecords.applied("c", 1, AuditRecord.GENESIS_HASH);

        try (MongoAuditStore store = MongoAuditStore.builder(settings, "own_client")
                .connectTimeout(Duration.ofSeconds(3))
                .build()) {
            store.append(first);
            assertThat(store.serverWait()).contains(Duration.ofSeconds(3));
        }

        assertThat(MongoAuditStore.builder(mongo.client(), "own_client")
                        .build()
                        .history()
                        .tip("c"))
                .contains(first);
    }

    @Test
    void theConnectTimeoutBoundsServerSelectionAndOpeningAConnection() {
        MongoClientSettings longConnect = MongoClientSettings.builder()
                .applyToSocketSettings(socket -> socket.connectTimeout(20, TimeUnit.SECONDS))
                .build();
        MongoClientSettings shortConnect = MongoClientSettings.builder()
                .applyToSocketSettings(socket -> socket.connectTimeout(1, TimeUnit.SECONDS))
                .build();

        MongoClientSettings applied = MongoAuditStore.withConnectTimeout(longConnect, Duration.ofSeconds(4));
        MongoClientSettings kept = MongoAuditStore.withConnectTimeout(shortConnect, Duration.ofSeconds(4));

        assertThat(applied.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(4000);
        assertThat(applied.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(4000);
        assertThat(kept.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(4000);
        assertThat(kept.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(1000);
    }
}

package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import io.tidemark.adapter.mongodb.testing.CommandLog;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.TransactionSupport;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import io.tidemark.tck.TransactionSteps;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * mongo-java-server is a standalone server without sessions: a change unit asking for a
 * {@link ClientSession} is refused when the engine is built, with the reason, before anything runs.
 */
class TransactionAvailabilityTest {

    private static EmbeddedMongoServer mongo;
    private static CommandLog commands;
    private static MongoClient client;

    private MongoAuditStore store;

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
    void openStore() {
        store = MongoAuditStore.builder(client, "transactions")
                .clock(MutableClock.atFixedStart())
                .build();
        commands.clear();
    }

    @ChangeUnit(id = "needs-session", order = "1", author = "test")
    public static final class NeedsSession {
        @Execution
        public void apply(ClientSession session) {
            throw new AssertionError("must never run");
        }
    }

    @ChangeUnit(id = "plain", order = "2", author = "test")
    public static final class Plain {
        @Execution
        public void apply() {}
    }

    @Test
    void theHandleTypeIsTheDriversClientSession() {
        assertThat(store.transactions())
                .get()
                .extracting(TransactionSupport::handleType)
                .isEqualTo(ClientSession.class);
    }

    @Test
    void aStandaloneServerIsReportedWithWhatToChange() {
        assertThat(store.transactions().orElseThrow().unavailableReason())
                .get()
                .asString()
                .contains(
                        "standalone",
                        "replica set",
                        "rs.initiate()",
                        mongo.connectionString().replace("mongodb://", ""));
    }

    @Test
    void aChangeUnitAskingForASessionFailsTheBuildNamingTheReason() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.builder()
                        .auditStore(store)
                        .configuration(TidemarkConfig.of())
                        .changeUnits(Plain.class, NeedsSession.class)
                        .build());

        assertThat(error)
                .hasMessageContaining(NeedsSession.class.getName())
                .hasMessageContaining("com.mongodb.client.ClientSession")
                .hasMessageContaining("cannot run transactions")
                .hasMessageContaining("replica set");
        assertThat(store.history().readAll("default").toList()).isEmpty();
    }

    @Test
    void changeUnitsWithoutSessionsBuildAndRunOnTheSameServer() {
        Tidemark tidemark = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(Plain.class)
                .chain("plain-" + System.nanoTime())
                .build();

        assertThat(tidemark.run().applied()).hasSize(1);
    }

    @Test
    void detectionAsksTheServerOnceAndFallsBackToIsMaster() {
        TransactionSupport<?> transactions = store.transactions().orElseThrow();

        transactions.unavailableReason();
        transactions.unavailableReason();

        assertThat(commands.commands()).containsExactly("hello", "isMaster");
    }

    @Test
    void runningInATransactionAnywayIsRefusedBeforeAnythingRuns() {
        @SuppressWarnings("unchecked")
        TransactionSupport<ClientSession> transactions =
                (TransactionSupport<ClientSession>) store.transactions().orElseThrow();
        AtomicBoolean ran = new AtomicBoolean();
        String chain = "refused-" + System.nanoTime();

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> TransactionSteps.runAndAppend(
                        transactions,
                        session -> ran.set(true),
                        () -> TestRecords.applied(chain, 1, AuditRecord.GENESIS_HASH)));

        assertThat(error).hasMessageContaining("replica set");
        assertThat(ran).isFalse();
        assertThat(store.history().tip(chain)).isEmpty();
    }
}

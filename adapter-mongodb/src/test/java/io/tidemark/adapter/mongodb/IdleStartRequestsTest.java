package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.tidemark.adapter.mongodb.testing.CommandLog;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.core.Tidemark;
import io.tidemark.core.config.TidemarkConfig;
import io.tidemark.core.model.RunReport;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A start with nothing to do costs one request (the tip), however many starts came before: no
 * collection or index listing, no lock.
 */
class IdleStartRequestsTest {

    private static EmbeddedMongoServer mongo;
    private static CommandLog commands;
    private static MongoClient client;

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

    private static RunReport start(String chain) {
        MongoAuditStore freshInstance = new MongoAuditStore(client, "idle_start", MongoStoreOptions.builder()
                .clock(MutableClock.atFixedStart()).build());
        return Tidemark.builder().auditStore(freshInstance).configuration(TidemarkConfig.of()).chain(chain)
                .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new))
                .dependency(ChangeTarget.class, new ChangeTarget()).build().run();
    }

    @Test
    void anIdleStartReadsOnlyTheTip() {
        String chain = "idle-" + System.nanoTime();
        assertThat(start(chain).applied()).hasSize(4);
        commands.clear();

        RunReport idle = start(chain);

        assertThat(idle.nothingToDo()).isTrue();
        assertThat(commands.commands()).containsExactly("find");
    }
}

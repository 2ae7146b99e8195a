package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.tidemark.adapter.mongodb.testing.CommandLog;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.spi.AuditRecord;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** History reads fetch one page per request, lazily, and stop without an extra request at the end. */
class PagedReadsTest {

    private static final int PAGE_SIZE = 10;

    private static EmbeddedMongoServer mongo;
    private static CommandLog commands;
    private static MongoClient client;

    private MongoAuditStore store;
    private String chain;
    private List<AuditRecord> records;

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
    void appendAChain() {
        store = MongoAuditStore.builder(client, "paged_reads")
                .pageSize(PAGE_SIZE)
                .clock(MutableClock.atFixedStart())
                .build();
        chain = "paged-" + System.nanoTime();
        records = TestRecords.chain(chain, 45);
        records.forEach(store::append);
        commands.clear();
    }

    @Test
    void aFullReadMakesOneRequestPerPage() {
        assertThat(store.history().readAll(chain).toList()).containsExactlyElementsOf(records);

        assertThat(commands.commands()).containsExactly("find", "find", "find", "find", "find");
    }

    @Test
    void aChainFillingItsLastPageExactlyNeedsNoExtraRequest() {
        assertThat(store.history().readFrom(chain, 6).toList()).hasSize(40);

        assertThat(commands.commands()).hasSize(4);
    }

    @Test
    void aStreamFetchesTheNextPageOnlyWhenItIsConsumed() {
        try (Stream<AuditRecord> read = store.history().readAll(chain)) {
            Iterator<AuditRecord> iterator = read.iterator();
            for (int i = 0; i < PAGE_SIZE; i++) {
                iterator.next();
            }
            assertThat(commands.commands()).hasSize(1);

            assertThat(iterator.next().seq()).isEqualTo(PAGE_SIZE + 1);
            assertThat(commands.commands()).hasSize(2);
        }
    }
}

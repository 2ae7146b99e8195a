package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.UnreadableRecordException;
import java.util.List;
import java.util.Optional;
import org.bson.BsonInvalidOperationException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MongoFailures}, applied by {@link MongoRequests}, translates the driver's exceptions and
 * nothing else: a bug in Tidemark (or a decoding problem Tidemark reports itself) comes out as
 * itself, never as "store unavailable, retry later".
 */
class MongoFailuresTest {

    private static EmbeddedMongoServer mongo;
    private MongoAuditStore store;
    private MongoRequests requests;

    @BeforeAll
    static void startServer() {
        mongo = EmbeddedMongoServer.start();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void openStore() {
        store = MongoAuditStore.builder(mongo.client(), "failures").build();
        requests = store.requests();
    }

    @Test
    void aBugInsideARequestPassesThroughUnchanged() {
        NullPointerException bug = new NullPointerException("a Tidemark bug");
        IllegalStateException otherBug = new IllegalStateException("another one");

        Throwable first = catchThrowable(() -> requests.audit("counting", audit -> {
            audit.countDocuments();
            throw bug;
        }));
        Throwable second = catchThrowable(() -> requests.lock(
                "reading",
                locks -> {
                    throw otherBug;
                },
                failure -> Optional.empty()));

        assertThat(first).isSameAs(bug);
        assertThat(second).isSameAs(otherBug);
    }

    @Test
    void aCodecFedABrokenDocumentReportsItAsUnreadableNotAsAnOutage() {
        store.initialize();
        requests.audit(
                "inserting a broken record",
                audit -> audit.insertOne(
                        new Document("chain", "broken").append("seq", 1L).append("metadata", List.of("not a pair"))));

        Throwable thrown = catchThrowable(() -> store.history().tip("broken"));

        assertThat(thrown)
                .isInstanceOf(UnreadableRecordException.class)
                .isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("failures.tidemarkAudit");
    }

    @Test
    void theDriversExceptionsAreTranslatedNamingWhereAndWhat() {
        MongoSocketReadException network =
                new MongoSocketReadException("connection reset", new ServerAddress("db-9", 27017));
        MongoTimeoutException timeout =
                new MongoTimeoutException("Timed out while waiting for a server that matches X");
        BsonInvalidOperationException encoding = new BsonInvalidOperationException("cannot encode");

        Throwable unavailable = catchThrowable(() -> requests.audit("reading the tip", audit -> {
            throw network;
        }));
        Throwable waited = catchThrowable(() -> requests.audit("reading the tip", audit -> {
            throw timeout;
        }));
        Throwable misfit = catchThrowable(() -> requests.audit("appending", audit -> {
            throw encoding;
        }));

        assertThat(unavailable)
                .isInstanceOf(StoreUnavailableException.class)
                .hasCause(network)
                .hasMessageContaining("failures.tidemarkAudit")
                .hasMessageContaining("reading the tip failed")
                .hasMessageContaining("connection reset");
        assertThat(waited)
                .isInstanceOf(StoreUnavailableException.class)
                .hasCause(timeout)
                .hasMessageContaining("answered within 5s");
        assertThat(misfit)
                .isInstanceOf(ConfigurationException.class)
                .hasCause(encoding)
                .hasMessageContaining("could not be encoded or decoded");
    }

    @Test
    void aFailureThatIsAnAnswerIsReturnedInstead() {
        store.initialize();
        Document record = new Document("chain", "answers").append("seq", 1L);
        requests.audit("inserting", audit -> audit.insertOne(new Document(record)));

        String answer = requests.audit(
                "inserting again",
                audit -> {
                    audit.insertOne(new Document(record));
                    return "inserted";
                },
                failure -> MongoFailures.isDuplicateKey(failure) ? Optional.of("taken") : Optional.empty());

        assertThat(answer).isEqualTo("taken");
    }
}

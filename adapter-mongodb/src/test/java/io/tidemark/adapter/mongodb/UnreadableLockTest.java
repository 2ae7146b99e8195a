package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import io.tidemark.tck.MutableClock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lock document this version cannot read is reported with {@link UnreadableRecordException}
 * naming the key, the field and the value, never as a raw driver or decoding exception, and is
 * never taken over as if it were free.
 */
class UnreadableLockTest {

    private static final String NAMESPACE = "unreadable-locks";
    private static final Duration LEASE = Duration.ofMinutes(1);

    private static MongoFixture mongo;
    private MutableClock clock;
    private LockService locks;
    private String key;

    @BeforeAll
    static void startServer() {
        mongo = MongoFixture.startEmbedded();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void openLocks() {
        clock = MutableClock.atFixedStart();
        locks = mongo.openStore(NAMESPACE, clock).lockService();
        key = "lock-" + System.nanoTime();
    }

    private void storeLockDocument(Document document) {
        mongo.client()
                .getDatabase(MongoFixture.database(NAMESPACE))
                .getCollection("tidemarkLock")
                .insertOne(document.append("_id", key));
    }

    private Document storedLockDocument() {
        return mongo.client()
                .getDatabase(MongoFixture.database(NAMESPACE))
                .getCollection("tidemarkLock")
                .find(new Document("_id", key))
                .first();
    }

    private void assertUnreadable(Throwable thrown, String field) {
        assertThat(thrown).isInstanceOfSatisfying(UnreadableRecordException.class, unreadable -> {
            assertThat(unreadable.lockKey()).contains(key);
            assertThat(unreadable.field()).isEqualTo(field);
            assertThat(unreadable)
                    .hasMessageContaining("Lock record '" + key + "'")
                    .hasMessageContaining("tidemark_unreadable_locks.tidemarkLock");
        });
    }

    @Test
    void theFixturesUnreadableLockIsReportedByEveryOperation() {
        mongo.rawRecords(NAMESPACE).writeUnreadableLock(key);
        Lease someLease = new Lease(key, "tidemark-tck", clock.instant().plus(LEASE), 7);

        for (Function<LockService, Object> operation : List.<Function<LockService, Object>>of(
                service -> service.inspect(key),
                service -> service.tryAcquire(key, "someone", LEASE),
                service -> service.extend(someLease, LEASE),
                service -> {
                    service.release(someLease);
                    return null;
                })) {
            Throwable thrown = catchThrowable(() -> operation.apply(locks));

            assertUnreadable(thrown, "token");
            assertThat(thrown).hasMessageContaining("String seven");
        }
        assertThat(storedLockDocument().get("token")).as("left as it was").isEqualTo("seven");
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "expiresAt", "token"})
    void inspectNamesTheFieldItCannotRead(String field) {
        Document lock = new Document("owner", "app-1")
                .append("expiresAt", Date.from(clock.instant().plus(LEASE)))
                .append("token", 3L);
        lock.put(field, field.equals("token") ? null : 42);
        storeLockDocument(lock);

        assertUnreadable(catchThrowable(() -> locks.inspect(key)), field);
    }

    @Test
    void aMissingTokenIsUnreadableAndTheLockIsNotTakenOver() {
        storeLockDocument(new Document("owner", "app-1").append("expiresAt", new Date(0)));

        assertThat(locks.tryAcquire(key, "someone", LEASE)).isEmpty();
        assertUnreadable(catchThrowable(() -> locks.inspect(key)), "token");
        assertThat(storedLockDocument()).doesNotContainKey("token").containsEntry("owner", "app-1");
    }

    @Test
    void anUnreadableExpiryIsNeverTakenOverAndTheEngineStopsAtOnceNamingIt() {
        String chain = key;
        storeLockDocument(
                new Document("owner", "app-1").append("expiresAt", "tomorrow").append("token", 3L));

        assertThat(locks.tryAcquire(key, "someone", LEASE))
                .as("held, never free")
                .isEmpty();
        Tidemark tidemark = Tidemark.builder()
                .auditStore(mongo.openStore(NAMESPACE, clock))
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .changeUnits(Noop.class)
                .clock(clock)
                .sleeper(clock::advance)
                .build();

        Throwable thrown = catchThrowable(tidemark::run);

        assertUnreadable(thrown, "expiresAt");
        assertThat(thrown).hasMessageContaining("String tomorrow");
        assertThat(storedLockDocument().get("expiresAt")).isEqualTo("tomorrow");
    }

    @Test
    void aReleasedLockIsFreeAndAnOwnedOneReadsBack() {
        Lease lease = locks.tryAcquire(key, "app-1", LEASE).orElseThrow();
        assertThat(locks.inspect(key)).contains(lease);

        locks.release(lease);

        assertThat(locks.inspect(key)).isEmpty();
        assertThat(locks.tryAcquire(key, "app-2", LEASE))
                .get()
                .extracting(Lease::token)
                .isEqualTo(lease.token() + 1);
    }

    @ChangeUnit(id = "noop", order = "1", author = "test")
    public static final class Noop {
        @Execution
        public void apply() {}
    }
}

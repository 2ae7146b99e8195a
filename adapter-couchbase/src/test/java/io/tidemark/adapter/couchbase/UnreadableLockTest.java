package io.tidemark.adapter.couchbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.couchbase.client.java.json.JsonArray;
import com.couchbase.client.java.json.JsonObject;
import io.tidemark.adapter.couchbase.testing.CouchbaseFixture;
import io.tidemark.adapter.couchbase.testing.RawAuditDocuments;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import io.tidemark.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lock document that cannot be read (changed outside Tidemark, or by a newer version) is reported
 * by every lock operation as {@link UnreadableRecordException} naming the lock key, never as a raw
 * exception, and is never taken over.
 */
class UnreadableLockTest {

    private static final String NAMESPACE = "unreadable-lock";

    private static CouchbaseFixture couchbase;

    private AuditStore store;
    private LockService locks;
    private RawAuditDocuments raw;
    private String key;

    @BeforeAll
    static void startMock() {
        couchbase = CouchbaseFixture.sharedMock();
    }

    @AfterAll
    static void leaveMock() {
        couchbase.close();
    }

    @BeforeEach
    void openStore() {
        store = couchbase.openStore(NAMESPACE, MutableClock.atFixedStart());
        locks = store.lockService();
        raw = new RawAuditDocuments(couchbase.collection(), CouchbaseFixture.keyPrefix(NAMESPACE));
        key = "lock-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Every lock operation on {@code key}, each as a call that may throw. */
    private Map<String, Runnable> everyOperation() {
        Lease lease = new Lease(key, "me", Instant.parse("2030-01-01T00:00:00Z"), 1);
        return Map.of(
                "inspect", () -> locks.inspect(key),
                "tryAcquire", () -> locks.tryAcquire(key, "me", Duration.ofMinutes(1)),
                "extend", () -> locks.extend(lease, Duration.ofMinutes(1)),
                "release", () -> locks.release(lease));
    }

    @Test
    void theFixturesUnreadableLockIsReportedByEveryOperationNamingTheKey() {
        couchbase.rawRecords(NAMESPACE).writeUnreadableLock(key);

        everyOperation()
                .forEach((operation, call) -> assertThat(catchThrowable(call::run))
                        .as(operation)
                        .isInstanceOfSatisfying(UnreadableRecordException.class, error -> {
                            assertThat(error.lockKey()).contains(key);
                            assertThat(error.field()).isEqualTo("token");
                            assertThat(error.value()).isEqualTo("seven");
                            assertThat(error)
                                    .hasMessageContaining(raw.lockKey(key))
                                    .hasMessageContaining("lock record");
                        }));
    }

    @Test
    void eachUnreadableFieldIsNamedWithItsValue() {
        JsonObject readable = JsonObject.create()
                .put("tidemark", "lock")
                .put("key", "k")
                .put("owner", "someone")
                .put("expiresAt", "2030-01-01T00:00:00Z")
                .put("token", 3);
        Map<String, Function<JsonObject, Object>> broken = Map.of(
                "owner=(missing)", lock -> lock.removeKey("owner"),
                "owner=42", lock -> lock.put("owner", 42),
                "token=(missing)", lock -> lock.removeKey("token"),
                "token=3.5", lock -> lock.put("token", 3.5),
                "expiresAt=soon", lock -> lock.put("expiresAt", "soon"),
                "expiresAt=(missing)", lock -> lock.removeKey("expiresAt"),
                "document=[1,2]", lock -> JsonArray.from(1, 2),
                "document=\"a lock\"", lock -> "a lock");

        broken.forEach((expected, breaking) -> {
            Object document = breaking.apply(JsonObject.fromJson(readable.toString()));
            raw.writeLock(key, document);
            String field = expected.substring(0, expected.indexOf('='));
            String value = expected.substring(expected.indexOf('=') + 1);

            for (Map.Entry<String, Runnable> operation : everyOperation().entrySet()) {
                assertThat(catchThrowable(operation.getValue()::run))
                        .as(expected + " on " + operation.getKey())
                        .isInstanceOfSatisfying(UnreadableRecordException.class, error -> {
                            assertThat(error.lockKey()).contains(key);
                            assertThat(error.field()).isEqualTo(field);
                            assertThat(error.value()).isEqualTo(value);
                        });
            }
        });
    }

    @Test
    void anUnreadableLockIsLeftAsItIs() {
        couchbase.rawRecords(NAMESPACE).writeUnreadableLock(key);
        Object before = raw.lock(key);

        for (Runnable call : List.copyOf(everyOperation().values())) {
            catchThrowable(call::run);
        }

        assertThat(raw.lock(key)).isEqualTo(before);
    }

    @Test
    void aReleasedLockWithANullOwnerIsReadable() {
        Lease lease = locks.tryAcquire(key, "me", Duration.ofMinutes(1)).orElseThrow();
        locks.release(lease);

        assertThat(locks.inspect(key)).isEmpty();
        assertThat(locks.tryAcquire(key, "you", Duration.ofMinutes(1)))
                .hasValueSatisfying(next -> assertThat(next.token()).isEqualTo(lease.token() + 1));
    }
}

package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.CasMismatchException;
import com.couchbase.client.core.error.DocumentExistsException;
import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.java.kv.InsertOptions;
import com.couchbase.client.java.kv.ReplaceOptions;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases kept in one document per lock key, changed only by conditional writes: an {@code insert}
 * (fails when the document exists) or a {@code replace} conditional on the CAS value read just
 * before (fails when anyone wrote the document in between).
 *
 * <pre>
 * key  tidemark::lock::orders
 * {
 *   "tidemark": "lock",
 *   "key": "orders",
 *   "owner": "host-a/run-7",        (null once released)
 *   "expiresAt": "2026-03-01T09:01:00Z",
 *   "token": 4
 * }
 * </pre>
 *
 * <p>"Now" is the injected {@link Clock} of this instance, compared with {@code expiresAt} in the
 * client; the server's clock plays no part. Lock documents never expire by default, so a key's
 * fencing tokens keep growing. With a lock retention configured, the document's own expiry (TTL)
 * becomes garbage collection for keys nobody uses any more: it is set to the lease plus the
 * retention on every write, so it never removes a live lease, and a key left untouched for longer
 * restarts its tokens at 1 (by then no holder of an earlier token can still hold the lease).
 *
 * <p><b>tryAcquire(key, owner, d)</b>
 * <ol>
 *   <li>{@code insert} {owner, now + d, token 1}: success is the lease.</li>
 *   <li>The document exists: {@code get} it with its CAS. If another owner holds it and
 *       {@code now < expiresAt}, the key is held: empty, without writing.</li>
 *   <li>Otherwise (no holder, expired, or the same owner) {@code replace} with that CAS:
 *       {owner, now + d, token + 1}. A CAS mismatch means another instance wrote first: empty.</li>
 * </ol>
 * <b>extend(lease, d)</b>: {@code get}; unless owner and token match, empty; else CAS
 * {@code replace} with {@code expiresAt = now + d}, same token (a CAS mismatch: empty).
 * <b>release(lease)</b>: {@code get}; unless owner and token match, nothing; else CAS
 * {@code replace} with owner null, keeping the token so that tokens keep growing; on a CAS mismatch
 * read again and re-check. <b>inspect(key)</b>: one {@code get}.
 *
 * <p>A lock document without a readable owner, token or expiry (changed outside Tidemark, or by a
 * newer version) raises {@link io.tidemark.core.error.UnreadableRecordException} naming the lock key,
 * from every operation that reads it: it cannot be taken over safely.
 */
final class CouchbaseLockService implements LockService {

    /** Attempts of a release that keeps meeting concurrent writes (each re-reads and re-checks). */
    private static final int RELEASE_ATTEMPTS = 5;

    private final CouchbaseRequests requests;
    private final CouchbaseRecordCodec codec;
    private final Clock clock;
    private final DurabilityLevel durability;
    private final Duration retention;

    CouchbaseLockService(CouchbaseRequests requests, CouchbaseRecordCodec codec, Clock clock) {
        this.requests = requests;
        this.codec = codec;
        this.clock = clock;
        this.durability = requests.settings().durability();
        this.retention = requests.settings().lockRetention();
    }

    @Override
    public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
        String id = codec.lockKey(key);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(duration);
        return requests.kv("acquiring lock '" + key + "'", collection -> {
            try {
                collection.insert(
                        id,
                        CouchbaseRecordCodec.encodeLock(key, Optional.of(owner), expiresAt, 1),
                        insertOptions(duration));
                return Optional.of(new Lease(key, owner, expiresAt, 1));
            } catch (DocumentExistsException exists) {
                // taken before: fall through to the conditional takeover
            }
            try {
                CouchbaseRecordCodec.StoredLock stored = codec.decodeLock(key, collection.get(id));
                if (heldByAnother(stored, owner, now)) {
                    return Optional.<Lease>empty();
                }
                long token = stored.token() + 1;
                collection.replace(
                        id,
                        CouchbaseRecordCodec.encodeLock(key, Optional.of(owner), expiresAt, token),
                        replaceOptions(stored.cas(), duration));
                return Optional.of(new Lease(key, owner, expiresAt, token));
            } catch (CasMismatchException | DocumentNotFoundException contended) {
                return Optional.<Lease>empty();
            }
        });
    }

    @Override
    public Optional<Lease> extend(Lease lease, Duration duration) {
        String id = codec.lockKey(lease.key());
        Instant expiresAt = clock.instant().plus(duration);
        return requests.kv("extending lock '" + lease.key() + "'", collection -> {
            try {
                CouchbaseRecordCodec.StoredLock stored = codec.decodeLock(lease.key(), collection.get(id));
                if (!isCurrent(stored, lease)) {
                    return Optional.<Lease>empty();
                }
                collection.replace(
                        id,
                        CouchbaseRecordCodec.encodeLock(
                                lease.key(), Optional.of(lease.owner()), expiresAt, lease.token()),
                        replaceOptions(stored.cas(), duration));
                return Optional.of(new Lease(lease.key(), lease.owner(), expiresAt, lease.token()));
            } catch (CasMismatchException | DocumentNotFoundException lost) {
                return Optional.<Lease>empty();
            }
        });
    }

    @Override
    public void release(Lease lease) {
        String id = codec.lockKey(lease.key());
        requests.kv("releasing lock '" + lease.key() + "'", collection -> {
            for (int attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
                try {
                    CouchbaseRecordCodec.StoredLock stored = codec.decodeLock(lease.key(), collection.get(id));
                    if (!isCurrent(stored, lease)) {
                        return null;
                    }
                    collection.replace(
                            id,
                            CouchbaseRecordCodec.encodeLock(
                                    lease.key(), Optional.empty(), clock.instant(), lease.token()),
                            replaceOptions(stored.cas(), Duration.ZERO));
                    return null;
                } catch (DocumentNotFoundException gone) {
                    return null;
                } catch (CasMismatchException changed) {
                    // Someone wrote in between: read again; if the lease is no longer current, nothing to do.
                }
            }
            return null;
        });
    }

    @Override
    public Optional<Lease> inspect(String key) {
        String id = codec.lockKey(key);
        return requests.kv("inspecting lock '" + key + "'", collection -> {
            try {
                CouchbaseRecordCodec.StoredLock stored = codec.decodeLock(key, collection.get(id));
                return stored.owner().map(owner -> new Lease(key, owner, stored.expiresAt(), stored.token()));
            } catch (DocumentNotFoundException absent) {
                return Optional.<Lease>empty();
            }
        });
    }

    private static boolean heldByAnother(CouchbaseRecordCodec.StoredLock stored, String caller, Instant now) {
        return stored.owner().filter(holder -> !holder.equals(caller)).isPresent() && now.isBefore(stored.expiresAt());
    }

    private static boolean isCurrent(CouchbaseRecordCodec.StoredLock stored, Lease lease) {
        return stored.owner().filter(lease.owner()::equals).isPresent() && lease.token() == stored.token();
    }

    private InsertOptions insertOptions(Duration lease) {
        InsertOptions options = InsertOptions.insertOptions();
        if (durability != DurabilityLevel.NONE) {
            options.durability(durability);
        }
        if (!retention.isZero()) {
            options.expiry(lease.plus(retention));
        }
        return options;
    }

    private ReplaceOptions replaceOptions(long cas, Duration lease) {
        ReplaceOptions options = ReplaceOptions.replaceOptions().cas(cas);
        if (durability != DurabilityLevel.NONE) {
            options.durability(durability);
        }
        if (!retention.isZero()) {
            options.expiry(lease.plus(retention));
        }
        return options;
    }
}

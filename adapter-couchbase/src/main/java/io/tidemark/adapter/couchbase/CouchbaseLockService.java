package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.CasMismatchException;
import com.couchbase.client.core.error.DocumentExistsException;
import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.java.json.JsonObject;
import com.couchbase.client.java.kv.GetResult;
import com.couchbase.client.java.kv.InsertOptions;
import com.couchbase.client.java.kv.ReplaceOptions;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 */
final class CouchbaseLockService implements LockService {

    static final String LOCK_TYPE = "lock";

    /** Attempts of a release that keeps meeting concurrent writes (each re-reads and re-checks). */
    private static final int RELEASE_ATTEMPTS = 5;

    private final KeyValueAccess access;
    private final DocumentKeys keys;
    private final Clock clock;
    private final DurabilityLevel durability;
    private final Duration retention;

    CouchbaseLockService(KeyValueAccess access, Clock clock) {
        this.access = access;
        this.keys = access.settings().keys();
        this.clock = clock;
        this.durability = access.settings().durability();
        this.retention = access.settings().lockRetention();
    }

    /** One lock document as read, with its CAS. */
    private record Stored(String owner, Instant expiresAt, long token, long cas) {
        boolean heldByAnotherAt(String caller, Instant now) {
            return owner != null && !owner.equals(caller) && now.isBefore(expiresAt);
        }

        boolean isCurrent(Lease lease) {
            return lease.owner().equals(owner) && lease.token() == token;
        }
    }

    @Override
    public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
        String id = keys.lock(key);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(duration);
        return access.call("acquiring lock '" + key + "'", collection -> {
            try {
                collection.insert(id, document(key, owner, expiresAt, 1), insertOptions(duration));
                return Optional.of(new Lease(key, owner, expiresAt, 1));
            } catch (DocumentExistsException exists) {
                // taken before: fall through to the conditional takeover
            }
            try {
                Stored stored = read(id, collection.get(id));
                if (stored.heldByAnotherAt(owner, now)) {
                    return Optional.<Lease>empty();
                }
                long token = stored.token() + 1;
                collection.replace(id, document(key, owner, expiresAt, token), replaceOptions(stored.cas(), duration));
                return Optional.of(new Lease(key, owner, expiresAt, token));
            } catch (CasMismatchException | DocumentNotFoundException contended) {
                return Optional.<Lease>empty();
            }
        });
    }

    @Override
    public Optional<Lease> extend(Lease lease, Duration duration) {
        String id = keys.lock(lease.key());
        Instant expiresAt = clock.instant().plus(duration);
        return access.call("extending lock '" + lease.key() + "'", collection -> {
            try {
                Stored stored = read(id, collection.get(id));
                if (!stored.isCurrent(lease)) {
                    return Optional.<Lease>empty();
                }
                collection.replace(id, document(lease.key(), lease.owner(), expiresAt, lease.token()),
                        replaceOptions(stored.cas(), duration));
                return Optional.of(new Lease(lease.key(), lease.owner(), expiresAt, lease.token()));
            } catch (CasMismatchException | DocumentNotFoundException lost) {
                return Optional.<Lease>empty();
            }
        });
    }

    @Override
    public void release(Lease lease) {
        String id = keys.lock(lease.key());
        access.call("releasing lock '" + lease.key() + "'", collection -> {
            for (int attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
                try {
                    Stored stored = read(id, collection.get(id));
                    if (!stored.isCurrent(lease)) {
                        return null;
                    }
                    collection.replace(id, document(lease.key(), null, clock.instant(), lease.token()),
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
        String id = keys.lock(key);
        return access.call("inspecting lock '" + key + "'", collection -> {
            try {
                Stored stored = read(id, collection.get(id));
                return stored.owner() == null ? Optional.<Lease>empty()
                        : Optional.of(new Lease(key, stored.owner(), stored.expiresAt(), stored.token()));
            } catch (DocumentNotFoundException absent) {
                return Optional.<Lease>empty();
            }
        });
    }

    private JsonObject document(String key, String ownerOrNull, Instant expiresAt, long token) {
        JsonObject document = JsonObject.create()
                .put(AuditRecordCodec.TYPE_FIELD, LOCK_TYPE)
                .put("key", key);
        if (ownerOrNull == null) {
            document.putNull("owner");
        } else {
            document.put("owner", ownerOrNull);
        }
        return document.put("expiresAt", expiresAt.toString()).put("token", token);
    }

    /**
     * The lock as stored.
     *
     * @throws ConfigurationException when the document is not a readable lock: it cannot be taken
     *     over safely, so an operator has to look at it
     */
    private static Stored read(String id, GetResult result) {
        JsonObject document = result.contentAsObject();
        Object owner = document.get("owner");
        Object token = document.get("token");
        Object expiresAt = document.get("expiresAt");
        try {
            if (token instanceof Number number && expiresAt instanceof String instant) {
                return new Stored(owner == null ? null : owner.toString(), Instant.parse(instant), number.longValue(),
                        result.cas());
            }
        } catch (DateTimeParseException unreadable) {
            // reported below
        }
        throw new ConfigurationException("Couchbase document '" + id + "' is not a readable Tidemark lock (it needs "
                + "a numeric 'token' and an ISO-8601 'expiresAt'): it was changed outside Tidemark. Delete the "
                + "document once no instance is running changes; the next acquisition recreates it.");
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

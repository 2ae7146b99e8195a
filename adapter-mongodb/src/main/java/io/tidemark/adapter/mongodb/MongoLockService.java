package io.tidemark.adapter.mongodb;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Leases kept in the lock collection, one document per key:
 * <pre>
 * { _id: "&lt;key&gt;", owner: "&lt;owner&gt;", expiresAt: ISODate(...), token: NumberLong(n) }
 * </pre>
 * A released key keeps its document without {@code owner}, so that the next token is still
 * greater than every token issued before.
 *
 * <ol>
 *   <li>{@link #tryAcquire}: one {@code findOneAndUpdate(filter, update, upsert, return after)} with
 *       filter {@code {_id: key, $or: [{owner: null}, {expiresAt: {$lte: now}}, {owner: caller}]}}
 *       and update {@code {$set: {owner: caller, expiresAt: now + duration}, $inc: {token: 1}}}.
 *       An absent key is inserted with token 1; a free, expired or own key is taken with the next
 *       token; a key another owner holds matches nothing, so the upsert tries to insert a second
 *       document with the same {@code _id} and MongoDB answers duplicate key (E11000): held, empty.</li>
 *   <li>{@link #extend}: {@code findOneAndUpdate({_id, owner, token}, {$set: {expiresAt}})}; no
 *       match means the lease was lost.</li>
 *   <li>{@link #release}: {@code updateOne({_id, owner, token}, {$unset: {owner}, $set: {expiresAt: now}})};
 *       no match (a lost lease) changes nothing.</li>
 *   <li>{@link #inspect}: {@code find({_id: key})}; a document without owner is no lease.</li>
 * </ol>
 *
 * <p>{@code now} is always the injected clock's, passed in the filter; the server's clock and TTL
 * indexes play no part. Expiry instants are stored with millisecond precision, and the returned
 * lease is read from the stored document, so it always equals what {@link #inspect} shows.
 */
final class MongoLockService implements LockService {

    static final String OWNER = "owner";
    static final String EXPIRES_AT = "expiresAt";
    static final String TOKEN = "token";

    private static final FindOneAndUpdateOptions UPSERT_RETURN_AFTER = new FindOneAndUpdateOptions().upsert(true)
            .returnDocument(ReturnDocument.AFTER);
    private static final FindOneAndUpdateOptions RETURN_AFTER = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> locks;
    private final String collection;
    private final Clock clock;
    private final MongoFailures failures;
    private final Runnable initialize;

    /**
     * @param initialize prepares the store's collections (memoized); run before the first
     *                   acquisition, which would otherwise create the lock collection implicitly
     */
    MongoLockService(MongoCollection<Document> locks, MongoStoreOptions options, MongoFailures failures,
            Runnable initialize) {
        this.locks = locks;
        this.collection = options.lockCollection();
        this.clock = options.clock();
        this.failures = failures;
        this.initialize = initialize;
    }

    @Override
    public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
        initialize.run();
        Instant now = clock.instant();
        Bson free = and(eq("_id", key), or(eq(OWNER, null), lte(EXPIRES_AT, Date.from(now)), eq(OWNER, owner)));
        Bson take = combine(set(OWNER, owner), set(EXPIRES_AT, Date.from(now.plus(duration))), inc(TOKEN, 1L));
        try {
            return Optional.ofNullable(locks.findOneAndUpdate(free, take, UPSERT_RETURN_AFTER)).map(this::toLease);
        } catch (MongoException e) {
            if (MongoFailures.isDuplicateKey(e)) {
                return Optional.empty();
            }
            throw failures.translate(collection, "acquiring lock '" + key + "' for '" + owner + "'", e);
        }
    }

    @Override
    public Optional<Lease> extend(Lease lease, Duration duration) {
        Date expiry = Date.from(clock.instant().plus(duration));
        Document extended = failures.guard(collection, "extending lock '" + lease.key() + "' of '" + lease.owner() + "'",
                () -> locks.findOneAndUpdate(current(lease), set(EXPIRES_AT, expiry), RETURN_AFTER));
        return Optional.ofNullable(extended).map(this::toLease);
    }

    @Override
    public void release(Lease lease) {
        Date now = Date.from(clock.instant());
        failures.guardRun(collection, "releasing lock '" + lease.key() + "' of '" + lease.owner() + "'",
                () -> locks.updateOne(current(lease), combine(unset(OWNER), set(EXPIRES_AT, now))));
    }

    @Override
    public Optional<Lease> inspect(String key) {
        Document stored = failures.guard(collection, "reading lock '" + key + "'",
                () -> locks.find(eq("_id", key)).first());
        return Optional.ofNullable(stored).filter(document -> document.get(OWNER) != null).map(this::toLease);
    }

    private static Bson current(Lease lease) {
        return and(eq("_id", lease.key()), eq(OWNER, lease.owner()), eq(TOKEN, lease.token()));
    }

    private Lease toLease(Document document) {
        if (document.get("_id") instanceof String key && document.get(OWNER) instanceof String owner
                && document.get(EXPIRES_AT) instanceof Date expiresAt && document.get(TOKEN) instanceof Number token) {
            return new Lease(key, owner, expiresAt.toInstant(), token.longValue());
        }
        throw new ConfigurationException(failures.location().describe(collection) + " holds a document that is not a "
                + "Tidemark lock: " + document.toJson() + ". Expected {_id: string, owner: string, expiresAt: date, "
                + "token: number}; delete the document to free the key.");
    }
}

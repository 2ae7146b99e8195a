package io.tidemark.adapter.mongodb;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.tidemark.core.error.UnreadableRecordException;
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
 * Leases kept in the lock collection, one document per key (shape in {@link MongoRecordCodec}):
 * <pre>
 * { _id: "&lt;key&gt;", owner: "&lt;owner&gt;", expiresAt: ISODate(...), token: NumberLong(n) }
 * </pre>
 * A released key keeps its document without {@code owner}, so that the next token is still
 * greater than every token issued before.
 *
 * <ol>
 *   <li>{@link #tryAcquire}: one {@code findOneAndUpdate(filter, update, upsert, return after)} with
 *       filter {@code {_id: key, token: {$exists: true}, $or: [{owner: null}, {expiresAt: {$lte: now}},
 *       {owner: caller}]}} and update {@code {$set: {owner: caller, expiresAt: now + duration},
 *       $inc: {token: 1}}}. An absent key is inserted with token 1; a free, expired or own key is
 *       taken with the next token; a key another owner holds matches nothing, so the upsert tries
 *       to insert a second document with the same {@code _id} and MongoDB answers duplicate key
 *       (E11000): held, empty.</li>
 *   <li>{@link #extend}: {@code findOneAndUpdate({_id, owner, token}, {$set: {expiresAt}})}; no
 *       match means the lease was lost (the document is then read once, see below).</li>
 *   <li>{@link #release}: {@code updateOne({_id, owner, token}, {$unset: {owner}, $set: {expiresAt: now}})};
 *       no match (a lost lease) changes nothing (the document is then read once, see below).</li>
 *   <li>{@link #inspect}: {@code find({_id: key})}; a document without owner is no lease.</li>
 * </ol>
 *
 * <p><b>A lock document this version cannot read</b> (an owner that is not a string, an expiry
 * that is not a date, a token that is not a whole number or is missing) raises
 * {@link UnreadableRecordException} naming the key, the field and the value: from {@link #inspect};
 * from {@link #extend} and {@link #release}, which read the document when their filter matched
 * nothing, so a lost lease costs one more request; and from {@link #tryAcquire} when its filter
 * matches the document (free, expired or the caller's) and MongoDB refuses to increment the token.
 * A document the filter does not match (an unreadable expiry with an owner, for example) reads as
 * held: such a lock is never taken over. The engine inspects a lock it found held at once (to name
 * the holder), which raises the exception then. Telling the two apart in {@code tryAcquire} would
 * cost a read on every attempt of a waiting instance.
 *
 * <p>{@code now} is always the injected clock's, passed in the filter; the server's clock and TTL
 * indexes play no part. Expiry instants are stored with millisecond precision, and the returned
 * lease is read from the stored document, so it always equals what {@link #inspect} shows.
 */
final class MongoLockService implements LockService {

    private static final FindOneAndUpdateOptions UPSERT_RETURN_AFTER =
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
    private static final FindOneAndUpdateOptions RETURN_AFTER =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    private final MongoRequests requests;
    private final Clock clock;
    private final String where;
    private final Runnable initialize;

    /**
     * @param initialize prepares the store's collections (memoized); run before the first
     *                   acquisition, which would otherwise create the lock collection implicitly
     */
    MongoLockService(MongoRequests requests, Runnable initialize) {
        this.requests = requests;
        this.clock = requests.settings().clock();
        this.where = requests.failures().describe(requests.settings().lockCollection());
        this.initialize = initialize;
    }

    @Override
    public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
        initialize.run();
        Instant now = clock.instant();
        Bson free = and(
                eq(MongoRecordCodec.LOCK_KEY, key),
                exists(MongoRecordCodec.TOKEN),
                or(
                        eq(MongoRecordCodec.OWNER, null),
                        lte(MongoRecordCodec.EXPIRES_AT, Date.from(now)),
                        eq(MongoRecordCodec.OWNER, owner)));
        Bson take = combine(
                set(MongoRecordCodec.OWNER, owner),
                set(MongoRecordCodec.EXPIRES_AT, Date.from(now.plus(duration))),
                inc(MongoRecordCodec.TOKEN, 1L));
        String action = "acquiring lock '" + key + "' for '" + owner + "'";
        Optional<Document> taken = requests.lock(
                action,
                locks -> Optional.ofNullable(locks.findOneAndUpdate(free, take, UPSERT_RETURN_AFTER)),
                failure -> {
                    if (MongoFailures.isDuplicateKey(failure)) {
                        return Optional.of(Optional.empty());
                    }
                    if (MongoFailures.isTypeMismatch(failure)) {
                        stored(key).ifPresent(document -> MongoRecordCodec.toLease(key, document, where));
                    }
                    return Optional.empty();
                });
        return taken.flatMap(document -> MongoRecordCodec.toLease(key, document, where));
    }

    @Override
    public Optional<Lease> extend(Lease lease, Duration duration) {
        Date expiry = Date.from(clock.instant().plus(duration));
        Document extended = requests.lock(
                "extending lock '" + lease.key() + "' of '" + lease.owner() + "'",
                locks ->
                        locks.findOneAndUpdate(current(lease), set(MongoRecordCodec.EXPIRES_AT, expiry), RETURN_AFTER));
        if (extended == null) {
            checkReadable(lease.key());
            return Optional.empty();
        }
        return MongoRecordCodec.toLease(lease.key(), extended, where);
    }

    @Override
    public void release(Lease lease) {
        Date now = Date.from(clock.instant());
        long matched = requests.lock(
                "releasing lock '" + lease.key() + "' of '" + lease.owner() + "'",
                locks -> locks.updateOne(
                                current(lease),
                                combine(unset(MongoRecordCodec.OWNER), set(MongoRecordCodec.EXPIRES_AT, now)))
                        .getMatchedCount());
        if (matched == 0) {
            checkReadable(lease.key());
        }
    }

    @Override
    public Optional<Lease> inspect(String key) {
        return stored(key).flatMap(document -> MongoRecordCodec.toLease(key, document, where));
    }

    private Optional<Document> stored(String key) {
        return Optional.ofNullable(requests.lock(
                "reading lock '" + key + "'",
                locks -> locks.find(eq(MongoRecordCodec.LOCK_KEY, key)).first()));
    }

    /** Raises {@link UnreadableRecordException} when the key's document cannot be read; a lost lease is no error. */
    private void checkReadable(String key) {
        stored(key).ifPresent(document -> MongoRecordCodec.toLease(key, document, where));
    }

    private static Bson current(Lease lease) {
        return and(
                eq(MongoRecordCodec.LOCK_KEY, lease.key()),
                eq(MongoRecordCodec.OWNER, lease.owner()),
                eq(MongoRecordCodec.TOKEN, lease.token()));
    }
}

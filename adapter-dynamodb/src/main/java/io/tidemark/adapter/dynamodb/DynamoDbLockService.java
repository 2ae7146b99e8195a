package io.tidemark.adapter.dynamodb;

import static io.tidemark.adapter.dynamodb.DynamoDbRecordCodec.EXPIRES_AT;
import static io.tidemark.adapter.dynamodb.DynamoDbRecordCodec.LOCK_KEY;
import static io.tidemark.adapter.dynamodb.DynamoDbRecordCodec.OWNER;
import static io.tidemark.adapter.dynamodb.DynamoDbRecordCodec.TOKEN;
import static io.tidemark.adapter.dynamodb.DynamoDbRecordCodec.number;
import static io.tidemark.adapter.dynamodb.DynamoDbRecordCodec.text;

import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Leases kept in the lock table, one item per key (shape in {@link DynamoDbRecordCodec}), each
 * operation a single conditional request. "Now" is always the injected {@link Clock}, sent with the
 * request; DynamoDB's own time plays no part. Times are stored as epoch milliseconds.
 *
 * <p>Every write is conditional on the item being readable as well: its owner, if any, is text,
 * and its expiry and token are numbers ({@code attribute_type}). A lock item that is not (edited by
 * hand, or written by a newer version) therefore refuses every write instead of being overwritten
 * or misread, and every operation reports it with
 * {@link io.tidemark.core.error.UnreadableRecordException#ofLock} naming the key. To tell a refused
 * write on such an item from one on a lock held by someone else, each write asks DynamoDB for the
 * refusing item ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}), which costs nothing extra;
 * a server that does not return it (dynalite 4 predates the parameter) gets one consistent
 * {@code GetItem} after a refused write instead.
 *
 * <ol>
 *   <li><b>tryAcquire</b>: {@code UpdateItem} with
 *       {@code SET owner = :owner, expiresAt = :now + duration, token = if_not_exists(token, 0) + 1},
 *       condition readable {@code AND (attribute_not_exists(lockKey) OR attribute_not_exists(owner)
 *       OR expiresAt <= :now OR owner = :owner)}, {@code ReturnValues=ALL_NEW}; the returned item is
 *       the lease. A refused condition with a readable item means someone else holds it: empty.</li>
 *   <li><b>extend</b>: {@code UpdateItem} {@code SET expiresAt}, condition readable
 *       {@code AND owner = :owner AND token = :token}; refused with a readable item means the lease
 *       was lost: empty.</li>
 *   <li><b>release</b>: {@code UpdateItem} {@code REMOVE owner SET expiresAt = :now}, condition
 *       readable {@code AND owner = :owner AND token = :token}. The item and its token stay, so the
 *       next token is still greater than every one issued before; refused with a readable item (the
 *       lease was already lost) is ignored.</li>
 *   <li><b>inspect</b>: consistent {@code GetItem}; an item without owner means nobody holds it.</li>
 * </ol>
 */
final class DynamoDbLockService implements LockService {

    /**
     * The item can be decoded: no owner (a released lock) or an owner (text) with a numeric expiry
     * and token; and a token, if any, is a number.
     */
    private static final String READABLE = "(attribute_not_exists(#owner) OR (attribute_type(#owner, :text) "
            + "AND attribute_type(#expiresAt, :number) AND attribute_type(#token, :number))) "
            + "AND (attribute_not_exists(#token) OR attribute_type(#token, :number))";

    private static final Map<String, AttributeValue> TYPES = Map.of(":text", text("S"), ":number", text("N"));

    private final DynamoDbRequests requests;
    private final DynamoDbSchema.Table table;
    private final Clock clock;

    DynamoDbLockService(DynamoDbRequests requests, Clock clock) {
        this.requests = requests;
        this.table = requests.schema().lock();
        this.clock = clock;
    }

    @Override
    public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
        long now = clock.millis();
        long expiresAt = now + duration.toMillis();
        Answer answer = update(
                key,
                "UpdateItem (acquire lock '" + key + "')",
                u -> u.updateExpression(
                                "SET #owner = :owner, #expiresAt = :expiresAt, #token = if_not_exists(#token, :zero) + :one")
                        .conditionExpression(READABLE + " AND (attribute_not_exists(#lockKey) OR "
                                + "attribute_not_exists(#owner) OR #expiresAt <= :now OR #owner = :owner)")
                        .expressionAttributeNames(Map.of(
                                "#lockKey", LOCK_KEY, "#owner", OWNER, "#expiresAt", EXPIRES_AT, "#token", TOKEN))
                        .expressionAttributeValues(values(Map.of(
                                ":owner", text(owner),
                                ":expiresAt", number(expiresAt),
                                ":now", number(now),
                                ":zero", number(0),
                                ":one", number(1))))
                        .returnValues(ReturnValue.ALL_NEW));
        if (!answer.written()) {
            checkReadable(key, answer);
            return Optional.empty();
        }
        return Optional.of(DynamoDbRecordCodec.leaseOf(key, answer.item().orElseThrow(), table.where())
                .orElseThrow(() -> new IllegalStateException(
                        "DynamoDB returned no holder for lock '" + key + "' right after it was acquired")));
    }

    @Override
    public Optional<Lease> extend(Lease lease, Duration duration) {
        long expiresAt = clock.millis() + duration.toMillis();
        Answer answer = update(
                lease.key(),
                "UpdateItem (extend lock '" + lease.key() + "')",
                u -> u.updateExpression("SET #expiresAt = :expiresAt")
                        .conditionExpression(READABLE + " AND #owner = :owner AND #token = :token")
                        .expressionAttributeNames(holderNames())
                        .expressionAttributeValues(values(Map.of(
                                ":owner", text(lease.owner()),
                                ":token", number(lease.token()),
                                ":expiresAt", number(expiresAt)))));
        if (!answer.written()) {
            checkReadable(lease.key(), answer);
            return Optional.empty();
        }
        return Optional.of(new Lease(lease.key(), lease.owner(), Instant.ofEpochMilli(expiresAt), lease.token()));
    }

    @Override
    public void release(Lease lease) {
        long now = clock.millis();
        Answer answer = update(
                lease.key(),
                "UpdateItem (release lock '" + lease.key() + "')",
                u -> u.updateExpression("REMOVE #owner SET #expiresAt = :now")
                        .conditionExpression(READABLE + " AND #owner = :owner AND #token = :token")
                        .expressionAttributeNames(holderNames())
                        .expressionAttributeValues(values(Map.of(
                                ":owner", text(lease.owner()), ":token", number(lease.token()), ":now", number(now)))));
        if (!answer.written()) {
            // Someone else holds the key now, or nobody does: nothing to free, unless the item is unreadable.
            checkReadable(lease.key(), answer);
        }
    }

    @Override
    public Optional<Lease> inspect(String key) {
        return DynamoDbRecordCodec.leaseOf(key, read(key, "GetItem (inspect lock '" + key + "')"), table.where());
    }

    /**
     * Sends one conditional {@code UpdateItem} on the item of {@code key}, asking for the refusing
     * item should the condition fail.
     */
    private Answer update(String key, String action, Consumer<UpdateItemRequest.Builder> request) {
        return requests.run(table, action, client -> {
            try {
                Map<String, AttributeValue> after = client.updateItem(u -> {
                            request.accept(u);
                            u.tableName(table.name())
                                    .key(DynamoDbRecordCodec.lockKey(key))
                                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
                        })
                        .attributes();
                return new Answer(true, Optional.ofNullable(after));
            } catch (ConditionalCheckFailedException refused) {
                return new Answer(false, refused.hasItem() ? Optional.of(refused.item()) : Optional.empty());
            }
        });
    }

    /**
     * Raises {@link io.tidemark.core.error.UnreadableRecordException} when the item that refused
     * a write cannot be decoded; reads it first when DynamoDB did not return it.
     */
    private void checkReadable(String key, Answer refusal) {
        Map<String, AttributeValue> item =
                refusal.item().orElseGet(() -> read(key, "GetItem (lock '" + key + "' after a refused write)"));
        DynamoDbRecordCodec.leaseOf(key, item, table.where());
    }

    private Map<String, AttributeValue> read(String key, String action) {
        return requests.run(
                table,
                action,
                client -> client.getItem(g -> g.tableName(table.name())
                                .key(DynamoDbRecordCodec.lockKey(key))
                                .consistentRead(true))
                        .item());
    }

    private static Map<String, String> holderNames() {
        return Map.of("#owner", OWNER, "#token", TOKEN, "#expiresAt", EXPIRES_AT);
    }

    private static Map<String, AttributeValue> values(Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.putAll(TYPES);
        return all;
    }

    /**
     * What a conditional write answered.
     *
     * @param written whether the condition held and the item was written
     * @param item    the item after the write (written), or the item that refused it when DynamoDB
     *                returned it
     */
    private record Answer(boolean written, Optional<Map<String, AttributeValue>> item) {}
}

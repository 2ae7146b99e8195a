package io.tidemark.adapter.dynamodb;

import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Leases kept in the lock table, one item per key, each operation a single conditional request.
 * "Now" is always the injected {@link Clock}, sent with the request; DynamoDB's own time plays no
 * part. Times are stored as epoch milliseconds.
 *
 * <p>Item shape:
 * <pre>
 * lockKey   S   partition key: the lock key (the engine uses the chain name)
 * owner     S   the holder; absent once released
 * expiresAt N   epoch milliseconds when the lease ends unless extended
 * token     N   fencing token: +1 on every acquisition, kept on release
 * </pre>
 *
 * <ol>
 *   <li><b>tryAcquire</b>: {@code UpdateItem} with
 *       {@code SET owner = :owner, expiresAt = :now + duration, token = if_not_exists(token, 0) + 1},
 *       condition {@code attribute_not_exists(lockKey) OR attribute_not_exists(owner) OR
 *       expiresAt <= :now OR owner = :owner}, {@code ReturnValues=ALL_NEW}; the returned item is
 *       the lease. A failed condition means someone else holds it: empty.</li>
 *   <li><b>extend</b>: {@code UpdateItem} {@code SET expiresAt}, condition
 *       {@code owner = :owner AND token = :token}; a failed condition means the lease was lost:
 *       empty.</li>
 *   <li><b>release</b>: {@code UpdateItem} {@code REMOVE owner SET expiresAt = :now}, condition
 *       {@code owner = :owner AND token = :token}. The item and its token stay, so the next token is
 *       still greater than every one issued before; a failed condition (lease already lost) is
 *       ignored.</li>
 *   <li><b>inspect</b>: consistent {@code GetItem}; an item without owner means nobody holds it.</li>
 * </ol>
 */
public final class DynamoDbLockService implements LockService {

    /** Partition key attribute of the lock table. */
    public static final String LOCK_KEY = "lockKey";
    static final String OWNER = "owner";
    static final String EXPIRES_AT = "expiresAt";
    static final String TOKEN = "token";

    private static final Map<String, String> HOLDER_NAMES = Map.of("#owner", OWNER, "#token", TOKEN,
            "#expiresAt", EXPIRES_AT);

    private final DynamoDbClient client;
    private final TableLayout table;
    private final TableRequests requests;
    private final Clock clock;

    DynamoDbLockService(DynamoDbClient client, TableLayout table, TableRequests requests, Clock clock) {
        this.client = client;
        this.table = table;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
        long now = clock.millis();
        long expiresAt = now + duration.toMillis();
        Optional<UpdateItemResponse> response = requests.run(table, "UpdateItem (acquire lock '" + key + "')", () -> {
            try {
                return Optional.of(client.updateItem(u -> u
                        .tableName(table.name())
                        .key(keyOf(key))
                        .updateExpression("SET #owner = :owner, #expiresAt = :expiresAt, "
                                + "#token = if_not_exists(#token, :zero) + :one")
                        .conditionExpression("attribute_not_exists(#lockKey) OR attribute_not_exists(#owner) "
                                + "OR #expiresAt <= :now OR #owner = :owner")
                        .expressionAttributeNames(Map.of("#lockKey", LOCK_KEY, "#owner", OWNER,
                                "#expiresAt", EXPIRES_AT, "#token", TOKEN))
                        .expressionAttributeValues(Map.of(":owner", AuditItemFormat.text(owner),
                                ":expiresAt", AuditItemFormat.number(expiresAt), ":now", AuditItemFormat.number(now),
                                ":zero", AuditItemFormat.number(0), ":one", AuditItemFormat.number(1)))
                        .returnValues(ReturnValue.ALL_NEW)));
            } catch (ConditionalCheckFailedException held) {
                return Optional.empty();
            }
        });
        return response.map(r -> leaseOf(key, r.attributes()));
    }

    @Override
    public Optional<Lease> extend(Lease lease, Duration duration) {
        long expiresAt = clock.millis() + duration.toMillis();
        boolean extended = requests.run(table, "UpdateItem (extend lock '" + lease.key() + "')", () -> {
            try {
                client.updateItem(u -> u
                        .tableName(table.name())
                        .key(keyOf(lease.key()))
                        .updateExpression("SET #expiresAt = :expiresAt")
                        .conditionExpression("#owner = :owner AND #token = :token")
                        .expressionAttributeNames(HOLDER_NAMES)
                        .expressionAttributeValues(Map.of(":owner", AuditItemFormat.text(lease.owner()),
                                ":token", AuditItemFormat.number(lease.token()),
                                ":expiresAt", AuditItemFormat.number(expiresAt))));
                return true;
            } catch (ConditionalCheckFailedException lost) {
                return false;
            }
        });
        return extended ? Optional.of(new Lease(lease.key(), lease.owner(), Instant.ofEpochMilli(expiresAt),
                lease.token())) : Optional.empty();
    }

    @Override
    public void release(Lease lease) {
        long now = clock.millis();
        requests.run(table, "UpdateItem (release lock '" + lease.key() + "')", () -> {
            try {
                client.updateItem(u -> u
                        .tableName(table.name())
                        .key(keyOf(lease.key()))
                        .updateExpression("REMOVE #owner SET #expiresAt = :now")
                        .conditionExpression("#owner = :owner AND #token = :token")
                        .expressionAttributeNames(HOLDER_NAMES)
                        .expressionAttributeValues(Map.of(":owner", AuditItemFormat.text(lease.owner()),
                                ":token", AuditItemFormat.number(lease.token()), ":now", AuditItemFormat.number(now))));
            } catch (ConditionalCheckFailedException alreadyLost) {
                // Someone else holds the key now, or nobody does: nothing to free.
            }
            return null;
        });
    }

    @Override
    public Optional<Lease> inspect(String key) {
        GetItemResponse response = requests.run(table, "GetItem (inspect lock '" + key + "')",
                () -> client.getItem(g -> g.tableName(table.name()).key(keyOf(key)).consistentRead(true)));
        if (!response.hasItem() || response.item().isEmpty() || !response.item().containsKey(OWNER)) {
            return Optional.empty();
        }
        return Optional.of(leaseOf(key, response.item()));
    }

    private static Map<String, AttributeValue> keyOf(String key) {
        return Map.of(LOCK_KEY, AuditItemFormat.text(key));
    }

    private static Lease leaseOf(String key, Map<String, AttributeValue> item) {
        return new Lease(key, item.get(OWNER).s(), Instant.ofEpochMilli(Long.parseLong(item.get(EXPIRES_AT).n())),
                Long.parseLong(item.get(TOKEN).n()));
    }
}

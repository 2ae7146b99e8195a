package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.dynamodb.testing.AuditItemTampering;
import io.tidemark.adapter.dynamodb.testing.AuditItems;
import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Lease;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items the store writes are the ones the README's "Document shape" describes, as the test
 * jar's {@link AuditItems} writes them for other modules: same attributes, same types, in both
 * directions. The codec, the README and the tools that write items directly cannot drift apart.
 */
class DocumentShapeTest {

    private static final String NAMESPACE = "shape";

    private static DynamoDbFixture dynamo;
    private final MutableClock clock = MutableClock.atFixedStart();
    private AuditStore store;
    private String chain;

    @BeforeAll
    static void startDynalite() {
        dynamo = DynamoDbFixture.startDynalite();
    }

    @AfterAll
    static void stopDynalite() {
        dynamo.close();
    }

    @BeforeEach
    void openStore() {
        store = dynamo.openStore(NAMESPACE, clock);
        store.initialize();
        chain = "shape-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private Map<String, AttributeValue> stored(String table, Map<String, AttributeValue> key) {
        return dynamo.client()
                .getItem(g -> g.tableName(table).key(key).consistentRead(true))
                .item();
    }

    @Test
    void anAuditRecordIsStoredAsTheDocumentedItem() {
        AuditRecord record = TestRecords.awkward(chain, 1, AuditRecord.GENESIS_HASH);
        store.append(record);

        assertThat(stored(DynamoDbFixture.auditTable(NAMESPACE), AuditItems.key(chain, 1)))
                .isEqualTo(AuditItems.toItem(record));
    }

    @Test
    void theDocumentedItemReadsBackAsTheRecord() {
        AuditRecord record = TestRecords.awkward(chain, 1, AuditRecord.GENESIS_HASH);
        new AuditItemTampering(dynamo.client(), DynamoDbFixture.auditTable(NAMESPACE)).overwrite(record);

        assertThat(store.history().tip(chain)).contains(record);
    }

    @Test
    void aLeaseIsStoredAsTheDocumentedLockItem() {
        Lease lease = store.lockService()
                .tryAcquire(chain, "me", Duration.ofSeconds(30))
                .orElseThrow();

        assertThat(stored(DynamoDbFixture.lockTable(NAMESPACE), AuditItems.lockKey(chain)))
                .containsOnlyKeys(AuditItems.LOCK_KEY, AuditItems.OWNER, AuditItems.EXPIRES_AT, AuditItems.TOKEN)
                .containsEntry(AuditItems.OWNER, AttributeValue.fromS("me"))
                .containsEntry(
                        AuditItems.EXPIRES_AT,
                        AttributeValue.fromN(Long.toString(lease.expiresAt().toEpochMilli())))
                .containsEntry(AuditItems.TOKEN, AttributeValue.fromN(Long.toString(lease.token())));

        store.lockService().release(lease);

        assertThat(stored(DynamoDbFixture.lockTable(NAMESPACE), AuditItems.lockKey(chain)))
                .doesNotContainKey(AuditItems.OWNER)
                .containsEntry(AuditItems.TOKEN, AttributeValue.fromN(Long.toString(lease.token())));
    }
}

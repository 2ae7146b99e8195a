package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.testing.AuditItemTampering;
import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.MutableClock;
import io.tidemark.tck.TestRecords;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Audit items whose attributes are present but cannot be decoded are reported by the reads that
 * meet them as {@link UnreadableRecordException} naming chain, sequence, attribute and value (the
 * TCK checks an unknown state; these are the DynamoDB-specific shapes). Merely missing attributes
 * still read as empty text or 0, so that verification reports the record as edited.
 */
class UnreadableRecordTest {

    private static final String NAMESPACE = "unreadable-record";

    private static DynamoDbFixture dynamo;
    private AuditStore store;
    private AuditItemTampering tampering;
    private String chain;
    private List<AuditRecord> records;

    @BeforeAll
    static void startDynalite() {
        dynamo = DynamoDbFixture.startDynalite();
    }

    @AfterAll
    static void stopDynalite() {
        dynamo.close();
    }

    @BeforeEach
    void twoRecords() {
        store = dynamo.openStore(NAMESPACE, MutableClock.atFixedStart());
        tampering = new AuditItemTampering(dynamo.client(), DynamoDbFixture.auditTable(NAMESPACE));
        chain = "c" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        records = TestRecords.chain(chain, 2);
        records.forEach(store::append);
    }

    private void assertReadsReport(String attribute, String value) {
        UnreadableRecordException fromTip = catchThrowableOfType(
                UnreadableRecordException.class, () -> store.history().tip(chain));
        UnreadableRecordException fromStream = catchThrowableOfType(
                UnreadableRecordException.class,
                () -> store.history().readAll(chain).toList());

        for (UnreadableRecordException unreadable : List.of(fromTip, fromStream)) {
            assertThat(unreadable).isNotNull();
            assertThat(unreadable.chain()).isEqualTo(chain);
            assertThat(unreadable.seq()).isEqualTo(2);
            assertThat(unreadable.field()).isEqualTo(attribute);
            assertThat(unreadable.value()).isEqualTo(value);
            assertThat(unreadable.getMessage())
                    .contains("DynamoDB table '" + DynamoDbFixture.auditTable(NAMESPACE) + "'");
        }
    }

    @Test
    void aTimestampStoredAsText() {
        tampering.overwriteWith(records.get(1), "timestampMillis", AttributeValue.fromS("yesterday"));

        assertReadsReport("timestampMillis", "yesterday");
    }

    @Test
    void aDurationBeyondTheRangeOfALong() {
        tampering.overwriteWith(records.get(1), "durationMillis", AttributeValue.fromN("99999999999999999999999"));

        UnreadableRecordException unreadable = catchThrowableOfType(
                UnreadableRecordException.class, () -> store.history().tip(chain));

        assertThat(unreadable.field()).isEqualTo("durationMillis");
        assertThat(unreadable.seq()).isEqualTo(2);
    }

    @Test
    void aTextAttributeStoredAsANumber() {
        tampering.overwriteWith(records.get(1), "changeId", AttributeValue.fromN("42"));

        assertReadsReport("changeId", "42");
    }

    @Test
    void metadataThatIsNotAMap() {
        tampering.overwriteWith(records.get(1), "metadata", AttributeValue.fromS("k=v"));

        assertReadsReport("metadata", "k=v");
    }

    @Test
    void aMetadataValueThatIsNotText() {
        tampering.overwriteWith(
                records.get(1), "metadata", AttributeValue.fromM(Map.of("rows", AttributeValue.fromN("12"))));

        assertReadsReport("metadata.rows", "12");
    }

    @Test
    void aMissingAttributeReadsAsEmptySoThatVerificationReportsTheEdit() {
        dynamo.client()
                .updateItem(u -> u.tableName(DynamoDbFixture.auditTable(NAMESPACE))
                        .key(Map.of("chain", AttributeValue.fromS(chain), "seq", AttributeValue.fromN("2")))
                        .updateExpression("REMOVE author, durationMillis"));

        AuditRecord read = store.history().tip(chain).orElseThrow();

        assertThat(read.author()).isEmpty();
        assertThat(read.durationMillis()).isZero();
        assertThat(read.hash()).isEqualTo(records.get(1).hash());
    }
}

package io.tidemark.tck;

import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Instant;
import java.util.Map;

/** Realistic, sealed audit records for contract tests. */
public final class TestRecords {

    private static final Instant BASE = Instant.parse("2026-03-01T09:00:00.123Z");

    private TestRecords() {}

    /**
     * A sealed {@code APPLIED} record at {@code seq} of {@code chain}, linked to {@code previousHash}.
     *
     * @param chain        the chain
     * @param seq          the sequence
     * @param previousHash the hash of the record before it
     * @return the record
     */
    public static AuditRecord applied(String chain, long seq, String previousHash) {
        return record(chain, seq, previousHash, "change-" + seq, AuditState.APPLIED, "writer-1");
    }

    /**
     * A sealed record with every text component filled in.
     *
     * @param chain        the chain
     * @param seq          the sequence
     * @param previousHash the hash of the record before it
     * @param changeId     the change
     * @param state        the state
     * @param executionId  the run that wrote it
     * @return the record
     */
    public static AuditRecord record(
            String chain, long seq, String previousHash, String changeId, AuditState state, String executionId) {
        return CanonicalEncoding.seal(AuditRecord.builder()
                .chain(chain)
                .seq(seq)
                .executionId(executionId)
                .changeId(changeId)
                .author("ana")
                .order("1." + seq)
                .state(state)
                .timestamp(BASE.plusSeconds(seq))
                .durationMillis(seq * 7)
                .host("host-a")
                .instanceId("host-a-4242-beef")
                .className("com.example.changes.Change" + seq)
                .methodName("apply")
                .metadata(Map.of("rows", Long.toString(seq)))
                .previousHash(previousHash)
                .build());
    }

    /**
     * A sealed record whose text uses every awkward character class a backend might mangle.
     *
     * @param chain        the chain
     * @param seq          the sequence
     * @param previousHash the hash of the record before it
     * @return the record
     */
    public static AuditRecord awkward(String chain, long seq, String previousHash) {
        String longMessage = "x".repeat(AuditRecord.MAX_ERROR_MESSAGE_LENGTH - 12) + " Größe ✓ 🚀";
        return CanonicalEncoding.seal(AuditRecord.builder()
                .chain(chain)
                .seq(seq)
                .executionId("exec-\"quoted\"-'single'")
                .changeId("$where.{\"$gt\": 1}")
                .author("José Ñúñez <jose@example.com>")
                .order("2.10.3-rc_1")
                .state(AuditState.ROLLBACK_FAILED)
                .timestamp(Instant.parse("2026-03-01T09:00:00.007Z"))
                .durationMillis(Long.MAX_VALUE / 4)
                .host("")
                .instanceId("ünïcödé-instance")
                .className("com.example.Änderung$Inner")
                .methodName("rollback")
                .errorType("java.lang.IllegalStateException")
                .errorMessage(
                        longMessage.substring(0, Math.min(longMessage.length(), AuditRecord.MAX_ERROR_MESSAGE_LENGTH)))
                .metadata(Map.of(
                        "$set",
                        "{\"a\":1}",
                        "dotted.key.name",
                        "line1\nline2\ttab",
                        "empty",
                        "",
                        "emoji 🚀",
                        "<script>alert(1)</script>"))
                .previousHash(previousHash)
                .build());
    }

    /**
     * {@code count} linked, sealed records starting at seq 1.
     *
     * @param chain the chain
     * @param count how many records
     * @return the records, in sequence order
     */
    public static java.util.List<AuditRecord> chain(String chain, int count) {
        java.util.List<AuditRecord> records = new java.util.ArrayList<>(count);
        String previous = AuditRecord.GENESIS_HASH;
        for (int seq = 1; seq <= count; seq++) {
            AuditRecord record = applied(chain, seq, previous);
            records.add(record);
            previous = record.hash();
        }
        return records;
    }
}

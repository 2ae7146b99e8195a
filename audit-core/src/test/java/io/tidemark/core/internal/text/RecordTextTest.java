package io.tidemark.core.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one rule for text entering a record: identities refused, free text repaired, every field bounded. */
class RecordTextTest {

    private static AuditRecord.Builder draft() {
        return AuditRecord.builder()
                .chain("default")
                .seq(1)
                .executionId("exec")
                .changeId("c")
                .author("ana")
                .order("1")
                .state(AuditState.FAILED)
                .timestamp(Instant.parse("2026-03-01T09:00:00Z"))
                .host("h")
                .instanceId("i")
                .className("com.example.C")
                .methodName("apply")
                .previousHash(AuditRecord.GENESIS_HASH);
    }

    @Test
    void unpairedSurrogatesAreReplacedAndPairsKept() {
        assertThat(RecordText.repaired("a\uD83D\uDE80b")).isEqualTo("a\uD83D\uDE80b");
        assertThat(RecordText.repaired("a\uD83Db")).isEqualTo("a\uFFFDb");
        assertThat(RecordText.repaired("\uDE80\uD83D")).isEqualTo("\uFFFD\uFFFD");
        assertThat(RecordText.repaired("end\uD83D")).isEqualTo("end\uFFFD");
        assertThat(RecordText.isWellFormed("plain ✓ 🚀")).isTrue();
    }

    @Test
    void freeTextIsRepairedAndCutToItsBound() {
        AuditRecord sanitized = RecordText.sanitized(draft().host("h".repeat(300) + "\uD83D")
                .errorType("E".repeat(600))
                .errorMessage("m\uDE80".repeat(3_000))
                .metadata(Map.of("note", "cut \uD83D"))
                .build());

        assertThat(sanitized.host()).hasSize(RecordText.MAX_HOST_LENGTH).endsWith("[truncated]");
        assertThat(sanitized.errorType())
                .hasSize(RecordText.MAX_ERROR_TYPE_LENGTH)
                .endsWith("[truncated]");
        assertThat(sanitized.errorMessage())
                .hasSize(RecordText.MAX_ERROR_MESSAGE_LENGTH)
                .startsWith("m\uFFFDm\uFFFD");
        assertThat(sanitized.metadata()).containsEntry("note", "cut \uFFFD");
        assertThat(RecordText.isWellFormed(sanitized.errorMessage())).isTrue();
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "x".repeat(RecordText.MAX_ERROR_MESSAGE_LENGTH - 13) + "🚀".repeat(100);

        String bounded = RecordText.bounded(text, RecordText.MAX_ERROR_MESSAGE_LENGTH);

        assertThat(RecordText.isWellFormed(bounded)).isTrue();
        assertThat(bounded).endsWith(" [truncated]").doesNotContain("\uFFFD");
    }

    @Test
    void identitiesAndKeysThatAreMalformedOrTooLongAreRefused() {
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> RecordText.sanitized(draft().changeId("c\uD83D").build())))
                .hasMessageContaining("change id")
                .hasMessageContaining("unpaired surrogate at index 1");
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> RecordText.sanitized(
                                draft().metadata(Map.of("k\uDE80", "v")).build())))
                .hasMessageContaining("metadata key");
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> RecordText.sanitized(
                                draft().metadata(Map.of("k", "v".repeat(1_001))).build())))
                .hasMessageContaining("metadata value of 'k' is 1001 characters long; at most 1000");
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> RecordText.sanitized(
                                draft().author("a".repeat(201)).build())))
                .hasMessageContaining("author is 201 characters long; at most 200");
    }
}

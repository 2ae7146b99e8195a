package io.tidemark.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.internal.chain.ChainVerifier;
import io.tidemark.core.internal.chain.HashChain;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The canonical encoding is injective on text: text that is not well-formed UTF-16 has no encoding
 * (it is refused, never replaced), so no two different records share one, and such a record never
 * verifies.
 */
class CanonicalTextTest {

    private static final String LONE_HIGH = "\uD83D";
    private static final String LONE_LOW = "\uDE80";

    private static AuditRecord sample(String errorMessage, Map<String, String> metadata) {
        return AuditRecord.builder()
                .chain("default")
                .seq(3)
                .executionId("exec-1")
                .changeId("label-products")
                .author("ana")
                .order("1.2")
                .state(AuditState.FAILED)
                .timestamp(Instant.parse("2026-03-01T09:00:00Z"))
                .host("host-a")
                .instanceId("host-a-1")
                .className("com.example.Label")
                .methodName("apply")
                .errorType("java.lang.IllegalStateException")
                .errorMessage(errorMessage)
                .metadata(metadata)
                .previousHash(AuditRecord.GENESIS_HASH)
                .build();
    }

    @Test
    void anUnpairedSurrogateIsRefusedNamingTheField() {
        for (String malformed : List.of("cut " + LONE_HIGH, LONE_LOW + " first", "two " + LONE_LOW + LONE_HIGH)) {
            IllegalArgumentException refused = catchThrowableOfType(
                    IllegalArgumentException.class, () -> CanonicalEncoding.encode(sample(malformed, Map.of())));

            assertThat(refused)
                    .as(malformed)
                    .isNotNull()
                    .hasMessageContaining("errorMessage")
                    .hasMessageContaining("unpaired surrogate");
        }
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> CanonicalEncoding.encode(sample("", Map.of("k" + LONE_HIGH, "v")))))
                .hasMessageContaining("metadata key");
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> CanonicalEncoding.encode(sample("", Map.of("k", LONE_LOW)))))
                .hasMessageContaining("metadata value of 'k'");
    }

    @Test
    void aRecordEditedFromALoneSurrogateToAQuestionMarkNoLongerVerifiesAsTheOriginal() {
        AuditRecord withQuestionMark = HashChain.seal(sample("cut ?", Map.of()));
        AuditRecord withLoneSurrogate =
                withQuestionMark.toBuilder().errorMessage("cut " + LONE_HIGH).build();

        assertThat(HashChain.isIntact(withQuestionMark)).isTrue();
        assertThat(HashChain.isIntact(withLoneSurrogate)).isFalse();
    }

    @Test
    void verificationReportsMalformedTextAsAnEditNamingIt() {
        AuditRecord malformed = sample("cut " + LONE_HIGH, Map.of()).toBuilder()
                .seq(1)
                .hash("0".repeat(64))
                .build();

        VerificationResult result =
                ChainVerifier.verify("default", List.of(malformed).iterator());

        assertThat(result).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.kind()).isEqualTo(ChainBreak.EDITED);
            assertThat(broken.detail()).contains("errorMessage", "not well-formed");
        });
    }

    @Test
    void wellFormedTextWithSupplementaryCharactersAndReplacementCharactersEncodesAsUtf8() {
        byte[] encoded = CanonicalEncoding.encode(sample("rocket 🚀 \uFFFD", Map.of()));

        assertThat(new String(encoded, java.nio.charset.StandardCharsets.UTF_8)).contains("\n15:rocket 🚀 \uFFFD\n");
    }
}

package io.tidemark.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashChainTest {

    private static AuditRecord sample() {
        return AuditRecord.builder()
                .chain("default")
                .seq(7)
                .executionId("exec-1")
                .changeId("create-accounts")
                .author("ana")
                .order("1.2")
                .state(AuditState.APPLIED)
                .timestamp(Instant.parse("2026-03-01T09:00:00.123Z"))
                .durationMillis(42)
                .host("host-a")
                .instanceId("host-a-1-beef")
                .className("com.example.CreateAccounts")
                .methodName("apply")
                .metadata(Map.of("rows", "10", "Größe", "✓", "$set", "x"))
                .previousHash(AuditRecord.GENESIS_HASH)
                .build();
    }

    /**
     * The expected hash was computed by an independent script (Python's hashlib) written from the
     * description in {@link CanonicalEncoding}'s Javadoc alone: if this fails, either the encoding or
     * its documentation changed.
     */
    @Test
    void hashMatchesAnIndependentImplementationOfTheDocumentedEncoding() {
        assertThat(HashChain.hashOf(sample()))
                .isEqualTo("33613ef439f77cbdd98f42f551730818653b9ceb52d22af8328b77fd87ff6d4a");
    }

    @Test
    void encodingStartsWithTheVersionHeaderAndLengthPrefixesFields() {
        String encoded = new String(CanonicalEncoding.encode(sample()), StandardCharsets.UTF_8);

        assertThat(encoded).startsWith("tidemark-audit-v1\n7:default\n1:7\n6:exec-1\n");
        assertThat(encoded).contains("\n7:Größe\n3:✓\n");
        assertThat(encoded).endsWith("64:" + AuditRecord.GENESIS_HASH + "\n");
    }

    @Test
    void everyComponentChangesTheHash() {
        AuditRecord base = sample();
        String hash = HashChain.hashOf(base);
        AuditRecord.Builder[] edits = {
            base.toBuilder().chain("other"),
            base.toBuilder().seq(8),
            base.toBuilder().executionId("exec-2"),
            base.toBuilder().changeId("x"),
            base.toBuilder().author("bob"),
            base.toBuilder().order("1.3"),
            base.toBuilder().state(AuditState.FAILED),
            base.toBuilder().timestamp(base.timestamp().plusMillis(1)),
            base.toBuilder().durationMillis(43),
            base.toBuilder().host("host-b"),
            base.toBuilder().instanceId("i"),
            base.toBuilder().className("C"),
            base.toBuilder().methodName("m"),
            base.toBuilder().errorType("E"),
            base.toBuilder().errorMessage("boom"),
            base.toBuilder().metadata(Map.of("rows", "11")),
            base.toBuilder().previousHash("f".repeat(64))
        };
        for (AuditRecord.Builder edit : edits) {
            assertThat(HashChain.hashOf(edit.build())).isNotEqualTo(hash);
        }
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        AuditRecord a = sample().toBuilder().author("ab").order("c").build();
        AuditRecord b = sample().toBuilder().author("a").order("bc").build();

        assertThat(HashChain.hashOf(a)).isNotEqualTo(HashChain.hashOf(b));
    }

    @Test
    void theStoredHashIsNotPartOfTheEncoding() {
        AuditRecord sealed = HashChain.seal(sample());

        assertThat(HashChain.hashOf(sealed.withHash("anything"))).isEqualTo(sealed.hash());
        assertThat(HashChain.isIntact(sealed)).isTrue();
        assertThat(HashChain.isIntact(sealed.withHash("0".repeat(64)))).isFalse();
    }
}

package io.tidemark.it.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.cli.TidemarkCli;
import io.tidemark.core.chain.ChainBreak;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.it.backend.Counters;
import io.tidemark.it.backend.Namespaces;
import io.tidemark.it.changes.ChangeEffects;
import io.tidemark.it.changes.ShopChanges;
import io.tidemark.it.process.ChildJvm;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.RawRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tampering: after the change set ran, records are edited and deleted directly in the backend
 * with its SDK (the adapters' raw-access fixtures), bypassing the store. Verification, in code
 * ({@link OperatorApi#verify()}) and from the command line ({@code tidemark verify} in a child JVM
 * configured by system properties), reports the chain broken at exactly that sequence.
 */
public abstract class TamperingScenario extends BackendScenario {

    private static final String CHAIN = "default";
    private static final long EDITED_SEQ = 12;
    private static final long DELETED_SEQ = 30;

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("eachBackend")
    void anEditedOrDeletedRecordIsReportedAtItsSequence(BackendFixture fixture) throws Exception {
        String namespace = Namespaces.fresh("tamper");
        try (AuditStore store = fixture.openStore(namespace, Clock.systemUTC());
                Counters counters = Counters.of(fixture, namespace)) {
            OperatorApi operator = ShopChanges.engine(store, new ChangeEffects(counters))
                    .build()
                    .operator();
            ShopChanges.engine(store, new ChangeEffects(counters)).build().run();
            assertThat(operator.verify().isIntact()).isTrue();
            AuditRecord original;
            try (Stream<AuditRecord> records = store.history().readFrom(CHAIN, EDITED_SEQ)) {
                original = records.findFirst().orElseThrow();
            }
            RawRecords raw = fixture.rawRecords(namespace);

            raw.overwrite(original.toBuilder().author("mallory").build());

            assertThat(operator.verify()).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
                assertThat(broken.seq()).isEqualTo(EDITED_SEQ);
                assertThat(broken.kind()).isEqualTo(ChainBreak.EDITED);
                assertThat(broken.describe()).contains("seq " + EDITED_SEQ);
            });

            raw.overwrite(original);
            assertThat(operator.verify().isIntact())
                    .as("the original record restored")
                    .isTrue();

            raw.delete(CHAIN, DELETED_SEQ);

            assertThat(operator.verify()).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
                assertThat(broken.seq()).isEqualTo(DELETED_SEQ);
                assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
            });
            try (ChildJvm cli = ChildJvm.start(
                    fixture.storeName() + "-tidemark-verify",
                    TidemarkCli.class,
                    fixture.configuration(namespace),
                    List.of("verify", "--chain", CHAIN))) {
                assertThat(cli.awaitExit(Duration.ofSeconds(90)))
                        .as("exit code of tidemark verify%s", cli.describe())
                        .isEqualTo(1);
                assertThat(String.join("\n", cli.output())).contains("BROKEN", "seq " + DELETED_SEQ, "MISSING");
            }
        }
    }
}

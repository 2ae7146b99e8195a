package io.tidemark.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.core.ChangeResult;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default quickstart end to end: MongoDB served in-process by mongo-java-server. */
class MongoQuickstartTest {

    private static final List<AuditState> NINE_RECORDS = List.of(
            AuditState.STARTED,
            AuditState.APPLIED,
            AuditState.STARTED,
            AuditState.APPLIED,
            AuditState.STARTED,
            AuditState.APPLIED,
            AuditState.STARTED,
            AuditState.APPLIED,
            AuditState.CHECKPOINT);

    @Test
    void theFirstStartAppliesEveryChangeAndTheRestartedInstanceNothing() {
        Printed printed = new Printed();

        Quickstart.Outcome outcome = new Quickstart(QuickstartSettings.inMemory(), List.of(), printed.stream()).run();

        assertThat(outcome.first().applied())
                .extracting(ChangeResult::changeId)
                .containsExactly(
                        "create-orders-collection", "seed-orders", "add-customer-index", "backfill-order-status");
        assertThat(outcome.second().nothingToDo()).isTrue();
        assertThat(outcome.second().lockAcquired()).isFalse();
        assertThat(outcome.history()).extracting(AuditRecord::state).containsExactlyElementsOf(NINE_RECORDS);
        assertThat(outcome.history().get(1).metadata()).containsEntry("collection", "orders");
        assertThat(outcome.history().get(3).metadata()).containsEntry("orders", "6");
        assertThat(outcome.history().get(5).metadata()).containsEntry("index", "byCustomer");
        assertThat(outcome.history().get(7).metadata()).containsEntry("backfilled", "6");
        assertThat(printed.text())
                .contains(
                        "MongoDB served in-process by mongo-java-server at mongodb://127.0.0.1:",
                        "audit store (built in code): MongoDB",
                        "4 applied, 0 already applied",
                        "0 applied, 4 already applied",
                        "Nothing applied: every change unit is already recorded",
                        "Hash chain verified: 9 records intact",
                        "o-1001  placed 2026-03-01T09:12:00Z     42.50  status PLACED",
                        "o-1006  placed 2026-03-05T07:45:00Z      8.99  status PLACED")
                .doesNotContain("o-1003");
    }

    @Test
    void aSecondRunOnTheSameDataDirectoryAppliesNothingFromItsFirstStart(@TempDir Path data) {
        QuickstartSettings settings = QuickstartSettings.inMemory().withDataDir(data);
        Quickstart.Outcome firstRun = new Quickstart(settings, List.of(), new Printed().stream()).run();
        Printed printed = new Printed();

        Quickstart.Outcome secondRun = new Quickstart(settings, List.of(), printed.stream()).run();

        assertThat(firstRun.first().applied()).hasSize(4);
        assertThat(firstRun.history().get(1).metadata()).containsEntry("collection", "orders");
        assertThat(secondRun.first().nothingToDo()).isTrue();
        assertThat(secondRun.first().lockAcquired()).isFalse();
        assertThat(secondRun.history())
                .extracting(AuditRecord::hash)
                .containsExactlyElementsOf(
                        firstRun.history().stream().map(AuditRecord::hash).toList());
        assertThat(printed.text())
                .contains(
                        "data kept in " + data.resolve(MongoTarget.DATA_FILE).toAbsolutePath(),
                        "Nothing applied: the audit log already records every change unit as applied (the quickstart keeps "
                                + "its data in "
                                + data.resolve(MongoTarget.DATA_FILE).toAbsolutePath(),
                        "o-1001  placed 2026-03-01T09:12:00Z     42.50  status PLACED");
    }

    @Test
    void aDataFileInUseIsNamedWithWhatToDo(@TempDir Path data) {
        try (MongoTarget running = MongoTarget.serve(Optional.of(data))) {
            assertThatThrownBy(() -> MongoTarget.serve(Optional.of(data)))
                    .isInstanceOf(QuickstartException.class)
                    .hasMessageStartingWith("Could not open the MongoDB data file "
                            + data.resolve(MongoTarget.DATA_FILE).toAbsolutePath())
                    .hasMessageContaining("If another quickstart is running on it, stop that one first");
        }
    }

    @Test
    void theChainAndDatabaseComeFromTidemarkKeys() {
        Printed printed = new Printed();
        ConfigSource forwarded = ConfigSource.of(
                "Maven property", Map.of("tidemark.chain", "other", "tidemark.mongodb.database", "audit_db"));
        AtomicReference<Quickstart.AuditStoreAccess> access = new AtomicReference<>();

        Quickstart.Outcome outcome =
                new Quickstart(QuickstartSettings.inMemory(), List.of(forwarded), printed.stream()).run(access::set);

        assertThat(outcome.first().chain()).isEqualTo("other");
        assertThat(outcome.first().applied()).hasSize(4);
        assertThat(printed.text()).contains("on chain 'other'", "== Audit history of chain 'other' ==", "audit_db");
        assertThat(access.get().configuration())
                .containsEntry("tidemark.mongodb.database", "audit_db")
                .containsEntry("tidemark.chain", "other");
    }

    @Test
    void whileServingTheAuditLogIsReachableFromTheWrittenConfigurationAloneAsTheCommandLineReachesIt() {
        List<String> states = new ArrayList<>();
        List<VerificationResult> verification = new ArrayList<>();

        new Quickstart(QuickstartSettings.inMemory(), List.of(), new Printed().stream()).run(access -> {
            // What the command line does with --config: the store its provider creates from the tidemark.* keys.
            TidemarkConfig config = TidemarkConfig.of(ConfigSource.of("cli config", access.configuration()));
            String chain = config.get("tidemark.chain").orElseThrow();
            try (OperatorApi operator = Tidemark.builder().configuration(config).buildOperator();
                    Stream<AuditRecord> history = operator.history()) {
                history.forEach(record -> states.add(record.state().name()));
                verification.add(operator.verify());
            }
        });

        assertThat(states)
                .containsExactlyElementsOf(
                        NINE_RECORDS.stream().map(AuditState::name).toList());
        assertThat(verification).singleElement().isInstanceOf(VerificationResult.Intact.class);
    }

    @Test
    void withTidemarkStoreSetTheStoreComesFromConfigurationWithTheStartedServerAsFallback() {
        Printed printed = new Printed();

        Quickstart.Outcome outcome = new Quickstart(
                        QuickstartSettings.inMemory().withStore("mongodb"),
                        List.of(ConfigSource.of(
                                "test", Map.of("tidemark.mongodb.audit-collection", "configuredAudit"))),
                        printed.stream())
                .run();

        assertThat(outcome.first().applied()).hasSize(4);
        assertThat(outcome.second().nothingToDo()).isTrue();
        assertThat(printed.text())
                .contains("audit store (from configuration, tidemark.store=mongodb)", "'configuredAudit'", "127.0.0.1");
    }
}

package io.tidemark.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.config.ConfigSource;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import io.tidemark.core.model.ChangeResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The quickstart end to end on an in-memory DynamoDB Local: first start applies all, second nothing. */
class QuickstartTest {

    @Test
    void theFirstStartAppliesEveryChangeAndTheRestartedInstanceNothing() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Quickstart.Outcome outcome = new Quickstart(QuickstartSettings.inMemory(), List.of(),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertThat(outcome.first().applied()).extracting(ChangeResult::changeId).containsExactly(
                "create-orders-table", "seed-orders", "add-customer-index", "backfill-order-status");
        assertThat(outcome.second().nothingToDo()).isTrue();
        assertThat(outcome.second().lockAcquired()).isFalse();
        assertThat(outcome.history()).extracting(AuditRecord::state).containsExactly(
                AuditState.STARTED, AuditState.APPLIED, AuditState.STARTED, AuditState.APPLIED,
                AuditState.STARTED, AuditState.APPLIED, AuditState.STARTED, AuditState.APPLIED, AuditState.CHECKPOINT);
        assertThat(outcome.history().get(3).metadata()).containsEntry("orders", "6");
        assertThat(outcome.history().get(7).metadata()).containsEntry("backfilled", "6");
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Nothing applied", "Hash chain verified: 9 records intact",
                "o-1001", "status PLACED", "audit store (built in code)");
    }

    @Test
    void withTidemarkStoreSetTheStoreComesFromConfigurationAlone() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        QuickstartSettings settings = new QuickstartSettings(QuickstartSettings.TargetMode.SERVER, Optional.empty(),
                "us-east-1", Optional.of("dynamodb"), Optional.empty());

        Quickstart.Outcome outcome = new Quickstart(settings,
                List.of(ConfigSource.of("test", Map.of("tidemark.dynamodb.table-prefix", "configured_"))),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertThat(outcome.first().applied()).hasSize(4);
        assertThat(outcome.second().nothingToDo()).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                "audit store (from configuration, tidemark.store=dynamodb)", "'configured_tidemark_audit'",
                "endpoint http://127.0.0.1:");
    }
}

package io.tidemark.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunReportTest {

    private static ChangeResult result(String id, ChangeOutcome outcome) {
        return new ChangeResult(id, "1", outcome, Duration.ofMillis(5), outcome == ChangeOutcome.FAILED ? "boom" : "");
    }

    @Test
    void groupsChangesByOutcome() {
        RunReport report = new RunReport(
                "c",
                "e",
                List.of(
                        result("a", ChangeOutcome.ALREADY_APPLIED),
                        result("b", ChangeOutcome.APPLIED),
                        result("c", ChangeOutcome.FAILED),
                        result("d", ChangeOutcome.NOT_REACHED)),
                9,
                Instant.EPOCH,
                Duration.ofMillis(30),
                true);

        assertThat(report.skipped()).extracting(ChangeResult::changeId).containsExactly("a");
        assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("b");
        assertThat(report.failed()).map(ChangeResult::changeId).contains("c");
        assertThat(report.nothingToDo()).isFalse();
        assertThat(report.isComplete()).isFalse();
        assertThat(report.summary())
                .contains("1 applied, 1 already applied", "failed: c", "tip seq 9", "boom")
                .doesNotContain("ALREADY_APPLIED");
    }

    @Test
    void aRunThatOnlySkippedHadNothingToDo() {
        RunReport report = new RunReport(
                "c", "e", List.of(result("a", ChangeOutcome.ALREADY_APPLIED)), 3, Instant.EPOCH, Duration.ZERO, false);

        assertThat(report.nothingToDo()).isTrue();
        assertThat(report.isComplete()).isTrue();
        assertThat(report.summary()).contains("no lock needed");
    }
}

package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.spi.Diagnosis;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the doctor's findings read: within the width, each fact once. */
class DoctorReportTest {

    private static final String CREATE =
            "aws dynamodb create-table --table-name tidemark_audit --attribute-definitions "
                    + "AttributeName=chain,AttributeType=S AttributeName=seq,AttributeType=N";

    @Test
    void aFixTheFindingAlreadySpellsOutIsNotRepeated() {
        List<String> lines = new DoctorReport(100)
                .render(
                        "DynamoDB at http://localhost:8000",
                        "default",
                        List.of(Diagnosis.problem(
                                "table 'tidemark_audit'",
                                "Table tidemark_audit does not exist; create it with: " + CREATE,
                                CREATE)));

        assertThat(String.join("\n", lines))
                .contains("found: Table tidemark_audit does not exist")
                .doesNotContain("fix:");
        assertThat(String.join(" ", lines).split("create-table", -1)).hasSize(2);
    }

    @Test
    void aProblemAnEarlierCheckStatedIsReferredTo() {
        String missing = "Table tidemark_audit does not exist: create it.";
        String lockMissing = "Table tidemark_lock does not exist: create it.";
        List<String> lines = new DoctorReport(100)
                .render(
                        "store",
                        "default",
                        List.of(
                                Diagnosis.problem("table 'tidemark_audit'", missing, "create it"),
                                Diagnosis.problem("table 'tidemark_lock'", lockMissing, "create it"),
                                Diagnosis.problem(
                                        "read chain 'default'", missing, "fix the configuration as the message says"),
                                Diagnosis.problem(
                                        "lock write",
                                        "2 problems:\n  1. " + missing + "\n  2. " + lockMissing,
                                        "fix the configuration as the message says")));
        String text = String.join("\n", lines);

        assertThat(text.split("tidemark_audit does not exist", -1)).hasSize(2);
        assertThat(text)
                .contains(
                        "found: the same as for table 'tidemark_audit', above",
                        "found: the same as for table 'tidemark_audit' and table 'tidemark_lock', above",
                        "Found 4 problems.")
                .doesNotContain("fix the configuration");
    }

    @Test
    void linesStayWithinTheWidthAndClosingMarksKeepToTheirWord() {
        List<String> lines = new DoctorReport(40)
                .render(
                        "Couchbase couchbase://127.0.0.1, bucket 'audit', collection "
                                + "'_default._default', key prefix 'tidemark'",
                        "default",
                        List.of(
                                Diagnosis.ok("read chain 'default'", "tip at seq 9 (CHECKPOINT )"),
                                Diagnosis.warning(
                                        "bucket retention",
                                        "the bucket has a maximum time-to-live of 30 days, so records "
                                                + "older than that disappear from the audit log",
                                        "set the bucket's max TTL to 0")));

        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
        assertThat(String.join("\n", lines))
                .contains("(CHECKPOINT)", "         fix:   set the bucket's max TTL", "No problems found; 1 warning.");
    }

    @Test
    void aHealthyStoreSaysSo() {
        List<String> lines = new DoctorReport(100)
                .render(
                        "store",
                        "default",
                        List.of(Diagnosis.ok("lock write", "took and released probe lock 'default.doctor-probe'")));

        assertThat(lines).contains("OK       lock write", "No problems found.");
    }
}

package io.tidemark.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.Recovery;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the decision table, for both recovery modes and transactional or not. */
class DecisionTest {

    private static Optional<AuditRecord> latest(String state, boolean transactional) {
        if (state.equals("NONE")) {
            return Optional.empty();
        }
        return Optional.of(AuditRecord.builder()
                .chain("c")
                .seq(1)
                .changeId("x")
                .state(AuditState.valueOf(state))
                .timestamp(Instant.EPOCH)
                .metadata(transactional ? Map.of(AuditRecord.META_TRANSACTIONAL, "true") : Map.of())
                .build());
    }

    @ParameterizedTest(name = "{0} transactional={1}: manual={2} retry={3}")
    @CsvSource({
        "NONE,               false, RUN,   RUN",
        "ROLLED_BACK,        false, RUN,   RUN",
        "MARKED_ROLLED_BACK, false, RUN,   RUN",
        "APPLIED,            false, SKIP,  SKIP",
        "MARKED_APPLIED,     false, SKIP,  SKIP",
        "STARTED,            false, ISSUE, RUN",
        "FAILED,             false, ISSUE, RUN",
        "ROLLBACK_FAILED,    false, ISSUE, RUN",
        "FAILED,             true,  RUN,   RUN",
        "STARTED,            true,  RUN,   RUN",
        "APPLIED,            true,  SKIP,  SKIP",
        "ROLLBACK_FAILED,    true,  ISSUE, RUN"
    })
    void decidesByLatestState(String state, boolean transactional, Decision manual, Decision retry) {
        assertThat(Decision.of(latest(state, transactional), Recovery.MANUAL_INTERVENTION))
                .isEqualTo(manual);
        assertThat(Decision.of(latest(state, transactional), Recovery.RETRY)).isEqualTo(retry);
    }

    @ParameterizedTest
    @CsvSource({"CHECKPOINT"})
    void aCheckpointIsNotTheRecordOfAChange(String state) {
        assertThatThrownBy(() -> Decision.of(latest(state, false), Recovery.RETRY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

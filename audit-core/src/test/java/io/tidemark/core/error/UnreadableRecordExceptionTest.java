package io.tidemark.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One exception for every record a version cannot read, audit records and lock records alike. */
class UnreadableRecordExceptionTest {

    @Test
    void anAuditRecordIsNamedByChainAndSequence() {
        UnreadableRecordException unreadable =
                new UnreadableRecordException("orders", 7, "state", "PAUSED", "DynamoDB table 'tidemark_audit'");

        assertThat(unreadable.chain()).isEqualTo("orders");
        assertThat(unreadable.seq()).isEqualTo(7);
        assertThat(unreadable.lockKey()).isEmpty();
        assertThat(unreadable)
                .hasMessageContaining("Record seq 7 of chain 'orders'")
                .hasMessageContaining("upgrade");
        assertThat(unreadable.isTransient()).isFalse();
    }

    @Test
    void aLockRecordIsNamedByItsKeyAndSaysWhatToDo() {
        UnreadableRecordException unreadable =
                UnreadableRecordException.ofLock("orders", "expiresAt", "(missing)", "DynamoDB table 'tidemark_lock'");

        assertThat(unreadable.lockKey()).contains("orders");
        assertThat(unreadable.chain()).isEmpty();
        assertThat(unreadable.seq()).isZero();
        assertThat(unreadable.field()).isEqualTo("expiresAt");
        assertThat(unreadable.value()).isEqualTo("(missing)");
        assertThat(unreadable)
                .hasMessageContaining("Lock record 'orders' in DynamoDB table 'tidemark_lock'")
                .hasMessageContaining("expiresAt '(missing)'")
                .hasMessageContaining("upgrade")
                .hasMessageContaining("delete that lock record");
    }
}

package io.tidemark.core.internal.engine;

import io.tidemark.core.ChangeResult;
import java.util.Objects;

/** What one attempt at one change produced: it applied, or it failed with an error. */
sealed interface AttemptOutcome permits AttemptOutcome.Applied, AttemptOutcome.Failed {

    /** The change's line in the run report. */
    ChangeResult result();

    /** The change applied; its {@code APPLIED} record is stored. */
    record Applied(ChangeResult result) implements AttemptOutcome {
        public Applied {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * The change failed; its {@code FAILED} record (and its rollback's) is stored.
     *
     * @param error what the change (or its transaction) threw; its rollback's error, if any, is suppressed in it
     */
    record Failed(ChangeResult result, Throwable error) implements AttemptOutcome {
        public Failed {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(error, "error");
        }
    }
}

package io.tidemark.core.error;

import java.util.List;

/**
 * A baseline ({@code OperatorApi.baseline}) was refused; nothing was written. The message says why
 * and what to do: a change at or below the baseline's order has a record other than applied (each is
 * named, see {@link #changeIds()}), no change unit has that order, or nothing is left to baseline.
 */
public class BaselineRefusedException extends NonTransientTidemarkException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> changeIds;

    /**
     * Creates the exception.
     *
     * @param message   what was refused, why, and what to do
     * @param changeIds the changes to blame, in order; empty when none is
     */
    public BaselineRefusedException(String message, List<String> changeIds) {
        super(message);
        this.changeIds = List.copyOf(changeIds);
    }

    /** {@return the changes that made the baseline impossible, in order; empty when no change is to blame} */
    public List<String> changeIds() {
        return changeIds;
    }
}

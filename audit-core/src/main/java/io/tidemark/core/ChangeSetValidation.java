package io.tidemark.core;

import io.tidemark.core.error.ConfigurationException;
import java.util.List;

/**
 * What {@link TidemarkBuilder#validate()} found: every problem {@link TidemarkBuilder#build()} would
 * report about the change units and the settings made in code, found without a store, without
 * configuration and without running anything. Valid when there is no problem; then
 * {@link #changeUnits()} describes the change units in the order a run takes them.
 *
 * @param problems    every problem found, each a sentence saying what is wrong and how to fix it, in
 *                    the order {@code build()} lists them; empty when the change set is valid
 * @param changeUnits the validated change units in run order; empty when there is a problem
 */
public record ChangeSetValidation(List<String> problems, List<ChangeUnitInfo> changeUnits) {

    /**
     * Copies the lists.
     *
     * @param problems    every problem found, each a sentence saying what is wrong and how to fix it, in
     *                    the order {@code build()} lists them; empty when the change set is valid
     * @param changeUnits the validated change units in run order; empty when there is a problem
     * @throws IllegalArgumentException when there are both problems and validated change units
     */
    public ChangeSetValidation {
        problems = List.copyOf(problems);
        changeUnits = List.copyOf(changeUnits);
        if (!problems.isEmpty() && !changeUnits.isEmpty()) {
            throw new IllegalArgumentException("An invalid change set has no validated change units");
        }
    }

    /** {@return whether no problem was found} */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * Does nothing when the change set is valid; otherwise throws the {@link ConfigurationException}
     * that {@code build()} would throw, listing every problem.
     */
    public void orThrow() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }
}

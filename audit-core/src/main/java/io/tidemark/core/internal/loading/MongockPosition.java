package io.tidemark.core.internal.loading;

import java.util.Objects;

/**
 * Where Mongock 5 runs a change it reads from its annotations, so that Tidemark runs Mongock's change
 * units in Mongock's order (see {@link ChangeOrder}). Mongock sorts change units and legacy change logs
 * by their {@code order} compared as text ({@link String#compareTo}: {@code "10"} before {@code "9"}),
 * those without an order after those with one, and equal orders by the class's canonical name; the
 * change sets of one legacy change log by their own {@code order}, as text. A before-execution method
 * runs right before its change unit's execution.
 *
 * @param unitOrder      the {@code @ChangeUnit} or {@code @ChangeLog} order ({@code ""} when none)
 * @param className      the class's canonical name
 * @param changeSetOrder the {@code @ChangeSet} order of a legacy change set, {@code ""} for a change unit
 * @param phase          0 for a before-execution method, 1 for the execution
 */
public record MongockPosition(String unitOrder, String className, String changeSetOrder, int phase)
        implements Comparable<MongockPosition> {

    public MongockPosition {
        Objects.requireNonNull(unitOrder, "unitOrder");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(changeSetOrder, "changeSetOrder");
    }

    @Override
    public int compareTo(MongockPosition other) {
        boolean ordered = !unitOrder.isBlank();
        boolean otherOrdered = !other.unitOrder.isBlank();
        if (ordered && otherOrdered && !unitOrder.equals(other.unitOrder)) {
            return unitOrder.compareTo(other.unitOrder);
        }
        if (ordered != otherOrdered) {
            return ordered ? -1 : 1;
        }
        int byClass = className.compareTo(other.className);
        if (byClass != 0) {
            return byClass;
        }
        int byChangeSet = changeSetOrder.compareTo(other.changeSetOrder);
        return byChangeSet != 0 ? byChangeSet : Integer.compare(phase, other.phase);
    }
}

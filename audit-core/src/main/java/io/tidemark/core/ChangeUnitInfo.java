package io.tidemark.core;

import io.tidemark.api.Recovery;
import java.util.Objects;

/**
 * A validated change unit as {@link Tidemark#changeUnits()} describes it: what its annotation says
 * and how it runs. A read-only view: it gives no access to the class or its methods.
 *
 * @param id            the change's identity ({@code @ChangeUnit(id)})
 * @param order         its order ({@code @ChangeUnit(order)})
 * @param author        its author, {@code ""} when not given
 * @param description   its description, {@code ""} when not given
 * @param recovery      what a run does when the change was left unfinished
 * @param className     the change unit's class, as {@link Class#getName()} gives it
 * @param transactional whether its execution takes the store's transaction handle, and so commits
 *                      its writes together with its {@code APPLIED} record
 */
public record ChangeUnitInfo(
        String id,
        String order,
        String author,
        String description,
        Recovery recovery,
        String className,
        boolean transactional) {

    /**
     * Checks that every field is set.
     *
     * @param id            the change's identity ({@code @ChangeUnit(id)})
     * @param order         its order ({@code @ChangeUnit(order)})
     * @param author        its author, {@code ""} when not given
     * @param description   its description, {@code ""} when not given
     * @param recovery      what a run does when the change was left unfinished
     * @param className     the change unit's class, as {@link Class#getName()} gives it
     * @param transactional whether its execution takes the store's transaction handle, and so commits
     *                      its writes together with its {@code APPLIED} record
     */
    public ChangeUnitInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(className, "className");
    }
}

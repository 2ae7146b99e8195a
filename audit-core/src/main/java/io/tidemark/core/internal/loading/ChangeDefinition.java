package io.tidemark.core.internal.loading;

import io.tidemark.api.Recovery;
import io.tidemark.core.ChangeUnitInfo;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated change unit: its annotation values and how to construct and invoke it.
 *
 * @param id            the change's identity
 * @param order         its order
 * @param author        its author ("" when not given)
 * @param description   its description ("" when not given)
 * @param recovery      what to do when it was left unfinished
 * @param type          the class
 * @param constructor   the constructor to use
 * @param constructorArgs where each constructor argument comes from
 * @param execution     the {@code @Execution} method
 * @param executionArgs where each of its arguments comes from
 * @param rollback      the {@code @RollbackExecution} method, when there is one
 * @param rollbackArgs  where each of its arguments comes from (empty without rollback)
 * @param mongock       for a change read from Mongock's annotations, where Mongock runs it (see
 *                      {@link ChangeOrder}); empty for Tidemark's own change units
 */
public record ChangeDefinition(
        String id,
        String order,
        String author,
        String description,
        Recovery recovery,
        Class<?> type,
        Constructor<?> constructor,
        List<ParameterSlot> constructorArgs,
        Method execution,
        List<ParameterSlot> executionArgs,
        Optional<Method> rollback,
        List<ParameterSlot> rollbackArgs,
        Optional<MongockPosition> mongock) {

    public ChangeDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(type, "type");
        constructorArgs = List.copyOf(constructorArgs);
        executionArgs = List.copyOf(executionArgs);
        rollbackArgs = List.copyOf(rollbackArgs);
        Objects.requireNonNull(mongock, "mongock");
    }

    /** A Tidemark change unit (annotated with {@link io.tidemark.api.ChangeUnit}). */
    public ChangeDefinition(
            String id,
            String order,
            String author,
            String description,
            Recovery recovery,
            Class<?> type,
            Constructor<?> constructor,
            List<ParameterSlot> constructorArgs,
            Method execution,
            List<ParameterSlot> executionArgs,
            Optional<Method> rollback,
            List<ParameterSlot> rollbackArgs) {
        this(
                id,
                order,
                author,
                description,
                recovery,
                type,
                constructor,
                constructorArgs,
                execution,
                executionArgs,
                rollback,
                rollbackArgs,
                Optional.empty());
    }

    /** Whether the execution takes the store's transaction handle, and so commits with its APPLIED record. */
    public boolean isTransactional() {
        return executionArgs.stream().anyMatch(ParameterSlot.TransactionHandle.class::isInstance);
    }

    /** The public, read-only view of this change unit. */
    public ChangeUnitInfo info() {
        return new ChangeUnitInfo(id, order, author, description, recovery, type.getName(), isTransactional());
    }
}

package io.tidemark.core.internal.loading;

/** Where the value of one parameter of a change unit's method comes from; decided at build time. */
public sealed interface ParameterSlot {

    /** The running change's {@link io.tidemark.api.ChangeContext}. */
    record Context() implements ParameterSlot {}

    /** The store's transaction handle; only for transactional executions. */
    record TransactionHandle() implements ParameterSlot {}

    /** A dependency registered with the builder. */
    record Dependency(Object value) implements ParameterSlot {}

    /**
     * A parameter no registered dependency supplies, accepted only in an inspect-only change set
     * (read to plan or baseline, never run): the application registers its dependencies, a tool that
     * inspects its change units does not.
     *
     * @param type the parameter's type
     */
    record Unresolved(Class<?> type) implements ParameterSlot {}
}

package io.tidemark.core.internal.loading;

/** Where the value of one parameter of a change unit's method comes from; decided at build time. */
public sealed interface ParameterSlot {

    /** The running change's {@link io.tidemark.api.ChangeContext}. */
    record Context() implements ParameterSlot {
    }

    /** The store's transaction handle; only for transactional executions. */
    record TransactionHandle() implements ParameterSlot {
    }

    /** A dependency registered with the builder. */
    record Dependency(Object value) implements ParameterSlot {
    }
}

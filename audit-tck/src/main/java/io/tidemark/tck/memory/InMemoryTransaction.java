package io.tidemark.tck.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * The transaction handle of {@link InMemoryAuditStore}: a change unit stages its writes here, and
 * they run only when the transaction commits together with the change's {@code APPLIED} record.
 */
public final class InMemoryTransaction {

    private final List<Runnable> staged = new ArrayList<>();

    /** Stages {@code write} to run on commit. */
    public void stage(Runnable write) {
        staged.add(write);
    }

    List<Runnable> staged() {
        return staged;
    }
}

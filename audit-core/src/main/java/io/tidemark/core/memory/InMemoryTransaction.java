package io.tidemark.core.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * The transaction handle of {@link InMemoryAuditStore}: a change unit that declares a parameter of
 * this type on its {@code @Execution} method becomes transactional. It stages its writes here, and
 * they run only when the transaction commits together with the change's {@code APPLIED} record; if
 * the change throws, or the record's sequence is taken, none of them runs.
 *
 * <p>A handle belongs to one execution of one change and is not thread-safe; do not keep it after
 * the method returns.
 */
public final class InMemoryTransaction {

    private final List<Runnable> staged = new ArrayList<>();
    private boolean ended;

    InMemoryTransaction() {}

    /**
     * Stages {@code write} to run on commit.
     *
     * @param write the write, run once if the transaction commits
     * @throws IllegalStateException when the transaction has ended (the execution returned)
     */
    public void stage(Runnable write) {
        if (ended) {
            throw new IllegalStateException(
                    "This InMemoryTransaction has ended; stage writes only while the " + "@Execution method runs");
        }
        staged.add(write);
    }

    /** {@return how many writes are staged} */
    public int size() {
        return staged.size();
    }

    List<Runnable> staged() {
        return staged;
    }

    void end() {
        ended = true;
    }
}

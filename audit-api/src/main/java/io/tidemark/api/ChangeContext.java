package io.tidemark.api;

import java.time.Instant;

/**
 * What a running change unit may know about its own execution. Inject it by declaring a
 * parameter of this type on an {@link Execution} or {@link RollbackExecution} method.
 *
 * <p>An instance belongs to one invocation; do not keep it after the method returns.
 */
public interface ChangeContext {

    /** {@return the identity of the whole run that invoked this change; shared by every change of that run} */
    String executionId();

    /** {@return the {@link ChangeUnit#id()} of the change being run} */
    String changeId();

    /** {@return the {@link ChangeUnit#order()} of the change being run} */
    String order();

    /** {@return the {@link ChangeUnit#author()} of the change being run} */
    String author();

    /** {@return the audit chain this run writes to} */
    String chain();

    /** {@return the running instance (host, process and a random part); recorded with every record} */
    String instanceId();

    /** {@return when this attempt started, from the engine's clock} */
    Instant startedAt();

    /**
     * {@return whether the audit log already holds an earlier attempt of this change} It does when
     * an attempt failed and was rolled back, was marked rolled back, or is being retried after a
     * crash. A change can use this to clean up what an interrupted attempt left.
     */
    boolean isRerun();

    /** {@return whether this invocation is the rollback of a failed execution} */
    boolean isRollback();

    /**
     * Attaches a key and value to the record this attempt appends when it ends ({@code APPLIED},
     * {@code ROLLED_BACK}, ...). Use it for facts worth auditing, such as how many items were
     * backfilled. Keys are at most 100 characters, values at most 1,000; at most 32 entries per
     * record. Keys starting with {@code tidemark.} are reserved. Text must be well-formed Unicode: a
     * key holding an unpaired UTF-16 surrogate (half of an emoji, as {@code substring} can leave) is
     * refused; in a value, each unpaired surrogate is recorded as U+FFFD.
     *
     * @param key   the metadata key: at most 100 characters, not starting with {@code tidemark.}
     * @param value the value recorded under {@code key}: at most 1,000 characters
     * @throws IllegalArgumentException when a limit is exceeded, the key is reserved or not
     *     well-formed
     */
    void putMetadata(String key, String value);
}

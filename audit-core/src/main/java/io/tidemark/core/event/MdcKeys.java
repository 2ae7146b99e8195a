package io.tidemark.core.event;

/**
 * The keys Tidemark puts in the SLF4J {@link org.slf4j.MDC} on the run's thread, so that log lines
 * (Tidemark's and those a change unit writes) can be matched to audit records, for example with
 * {@code %X{tidemark.changeId}} in a Logback or Log4j pattern.
 *
 * <ul>
 *   <li>{@link #EXECUTION_ID} and {@link #CHAIN}: from the start of {@link io.tidemark.core.Tidemark#run()}
 *       to its end (lock wait, changes and report included);</li>
 *   <li>{@link #CHANGE_ID}: while one change runs: its {@code STARTED} record, its {@code @Execution}
 *       method, its outcome record, and its {@code @RollbackExecution} method with its record.</li>
 * </ul>
 *
 * Values that were there before are restored when the run or the change ends, and keys that were not
 * there are removed: after {@code run()} returns or throws, the MDC is as it was. Code a change unit
 * runs on other threads may not see them (the MDC is per thread, and Logback's is not inherited); copy
 * them with {@link org.slf4j.MDC#getCopyOfContextMap()} where needed.
 */
public final class MdcKeys {

    /** The run's execution id, the one in every audit record it appends: {@value}. */
    public static final String EXECUTION_ID = "tidemark.executionId";
    /** The audit chain: {@value}. */
    public static final String CHAIN = "tidemark.chain";
    /** The change being run (or rolled back): {@value}. */
    public static final String CHANGE_ID = "tidemark.changeId";

    private MdcKeys() {}
}

package io.tidemark.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Keys put in the SLF4J MDC for a while on the calling thread ({@link io.tidemark.core.event.MdcKeys}):
 * {@link #put} sets them, remembering what was there, and {@link #restore()} puts back the earlier
 * values and removes keys that were absent, so that a run leaves the MDC as it found it. Used on one
 * thread, restored in a {@code finally} on the same thread.
 */
final class LogContext {

    /** Per key, the value before {@link #put}; null when the key was absent. */
    private final Map<String, String> previous;

    private LogContext(Map<String, String> previous) {
        this.previous = previous;
    }

    /**
     * Sets every key of {@code entries} to its value.
     *
     * @return what restores the keys' earlier values
     */
    static LogContext put(Map<String, String> entries) {
        Map<String, String> previous = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            previous.put(key, MDC.get(key));
            MDC.put(key, value);
        });
        return new LogContext(previous);
    }

    /** Puts back the values the keys had before {@link #put}, removing those that had none. */
    void restore() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}

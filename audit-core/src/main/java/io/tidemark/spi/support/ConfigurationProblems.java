package io.tidemark.spi.support;

import io.tidemark.core.error.ConfigurationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Collects every problem a provider finds in its configuration keys, so that one
 * {@link ConfigurationException} lists them all and one attempt can fix them all. Each problem is
 * noted against the key it is about, so that a key already found wrong is not reported again by a
 * later check that depends on it.
 *
 * <pre>{@code
 * ConfigurationProblems problems = new ConfigurationProblems();
 * Optional<Long> pageSize = problems.read(PAGE_SIZE, () -> config.getLong(PAGE_SIZE));
 * if (pageSize.isPresent() && pageSize.get() < 1) {
 *     problems.add(PAGE_SIZE, "Invalid configuration " + PAGE_SIZE + " = ...: expected at least 1.");
 * }
 * problems.throwIfAny();
 * }</pre>
 *
 * <p>Not thread-safe: one instance per {@code create} call.
 */
public final class ConfigurationProblems {

    private final List<String> messages = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    /** No problem noted yet. */
    public ConfigurationProblems() {}

    /**
     * The value {@code read} gives for {@code key}, or empty after noting the problems of the
     * {@link ConfigurationException} it threw (the value is then treated as absent).
     *
     * @param <T>  the value's type
     * @param key  the key read, noted with the problems
     * @param read reads the value, e.g. {@code () -> config.getDuration(key)}
     * @return the value, or empty when absent or invalid
     */
    public <T> Optional<T> read(String key, Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (ConfigurationException e) {
            keys.add(key);
            messages.addAll(e.problems());
            return Optional.empty();
        }
    }

    /**
     * Notes {@code message}, a sentence saying what is wrong with {@code key} and how to fix it.
     *
     * @param key     the key the problem is about
     * @param message what is wrong and how to fix it
     */
    public void add(String key, String message) {
        keys.add(key);
        messages.add(message);
    }

    /**
     * Whether no problem was noted about {@code key} yet.
     *
     * @param key the key
     * @return whether no problem was noted about {@code key} yet
     */
    public boolean isFine(String key) {
        return !keys.contains(key);
    }

    /** {@return whether any problem was noted} */
    public boolean any() {
        return !messages.isEmpty();
    }

    /**
     * Throws one {@link ConfigurationException} listing every problem noted, in the order noted;
     * does nothing when there is none.
     */
    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new ConfigurationException(messages);
        }
    }
}

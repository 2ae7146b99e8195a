package io.tidemark.core.internal.loading;

import io.tidemark.core.DependencyResolver;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Objects registered for injection into change units, each under a type. A parameter receives the
 * dependency registered under exactly its type, otherwise the single dependency whose registered
 * type is a subtype of it; several candidates are ambiguous. A parameter nothing registered supplies
 * goes to the {@link DependencyResolver}, when there is one.
 */
public final class Dependencies {

    /** The value standing for a declared dependency (see {@link #declare}); never given to a change. */
    private static final Object DECLARED = new Object() {
        @Override
        public String toString() {
            return "declared dependency (validation only)";
        }
    };

    private final Map<Class<?>, Object> byType = new LinkedHashMap<>();
    private DependencyResolver resolver;

    /** Consults {@code value} for every parameter no registered dependency supplies. */
    public void resolver(DependencyResolver value) {
        this.resolver = Objects.requireNonNull(value, "resolver");
    }

    /** Whether a {@link DependencyResolver} supplies what no registered dependency does. */
    boolean hasResolver() {
        return resolver != null;
    }

    /**
     * Registers {@code value} under {@code type}.
     *
     * @throws IllegalArgumentException when something is already registered under {@code type}
     */
    public <T> void register(Class<T> type, T value) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(value.getClass().getName() + " is not a " + type.getName());
        }
        if (byType.containsKey(type)) {
            throw new IllegalArgumentException(
                    "A dependency of type " + type.getName() + " is already registered; register each type once");
        }
        byType.put(type, value);
    }

    /**
     * Declares that a dependency of {@code type} will be registered, without giving its value: for a
     * validation without a store, which checks parameters but never invokes a change. A change set
     * loaded with declared types must not be run. Declaring a type already registered does nothing.
     */
    public void declare(Class<?> type) {
        Objects.requireNonNull(type, "type");
        byType.putIfAbsent(type, DECLARED);
    }

    /** A copy that can be extended (by {@link #declare}) without changing this one. */
    public Dependencies copy() {
        Dependencies copy = new Dependencies();
        copy.byType.putAll(byType);
        copy.resolver = resolver;
        return copy;
    }

    /** The outcome of looking up one parameter type. */
    sealed interface Lookup {
        record Found(Object value) implements Lookup {}

        record Missing() implements Lookup {}

        record Ambiguous(List<Class<?>> candidates) implements Lookup {}

        /** The resolver could not supply it, for the reason given. */
        record Unresolved(String problem) implements Lookup {}
    }

    /** Looks up {@code parameter}: registered dependencies first, then the resolver for what they lack. */
    Lookup lookup(Parameter parameter) {
        Lookup registered = lookupRegistered(parameter.getType());
        if (!(registered instanceof Lookup.Missing) || resolver == null) {
            return registered;
        }
        DependencyResolver.Resolution resolution = Objects.requireNonNull(
                resolver.resolve(parameter),
                () -> "The dependency resolver " + resolver + " returned null for " + parameter);
        if (resolution instanceof DependencyResolver.Resolved resolved) {
            if (!parameter.getType().isInstance(resolved.value())
                    && !parameter.getType().isPrimitive()) {
                return new Lookup.Unresolved("the dependency resolver gave a "
                        + resolved.value().getClass().getName() + ", which is not a "
                        + parameter.getType().getName());
            }
            return new Lookup.Found(resolved.value());
        }
        return new Lookup.Unresolved(((DependencyResolver.Unresolved) resolution).problem());
    }

    /**
     * Looks up {@code parameterType} among the registered dependencies only, without the resolver: for
     * checks that have a parameter's type but not the parameter (the build-time index's).
     */
    Lookup lookupRegistered(Class<?> parameterType) {
        Object exact = byType.get(parameterType);
        if (exact != null) {
            return new Lookup.Found(exact);
        }
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> registered : byType.keySet()) {
            if (parameterType.isAssignableFrom(registered)) {
                candidates.add(registered);
            }
        }
        if (candidates.size() == 1) {
            return new Lookup.Found(byType.get(candidates.get(0)));
        }
        return candidates.isEmpty() ? new Lookup.Missing() : new Lookup.Ambiguous(candidates);
    }
}

package io.tidemark.core.internal.config;

import io.tidemark.core.ConfigurationKeys;
import io.tidemark.core.Tidemark;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys the core reads: every {@code public static final String} constant of
 * {@link Tidemark.Keys}, so that a key added there is known without a second list to keep in step.
 * Registered as a {@link ConfigurationKeys} service like any module's, and also always added by
 * {@link KnownKeys}, so that the core's keys are known whatever class loader finds the services.
 */
public final class CoreKeys implements ConfigurationKeys {

    private static final Set<String> KEYS = constantsOf(Tidemark.Keys.class);

    /** The service {@link java.util.ServiceLoader} instantiates; it holds no state. */
    public CoreKeys() {}

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    private static Set<String> constantsOf(Class<?> holder) {
        Set<String> keys = new TreeSet<>();
        for (Field field : holder.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                try {
                    keys.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot read " + field, e);
                }
            }
        }
        return Set.copyOf(keys);
    }
}

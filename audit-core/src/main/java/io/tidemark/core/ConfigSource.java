package io.tidemark.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One place configuration values come from. Keys are always written in their property form
 * ({@code tidemark.dynamodb.endpoint}); the environment source maps them to variable names.
 *
 * <p>A source that can list what it holds ({@link #names()}) takes part in the check for unknown
 * keys (see {@link ConfigurationKeys}): every name in it that starts with {@code tidemark.} (in the
 * source's spelling: {@code TIDEMARK_} for the environment) and is no known key is reported.
 *
 * @param name    where values come from, for messages ("system property", "environment variable")
 * @param lookup  the key-to-value function; returns null when absent
 * @param keyForm how the key is spelled in this source, for messages
 * @param names   the names this source holds, spelled as in the source (variable names for the
 *                environment), asked for when keys are checked; an empty set when it cannot list them
 */
public record ConfigSource(
        String name, Function<String, String> lookup, Function<String, String> keyForm, Supplier<Set<String>> names) {

    /**
     * Checks that no component is null.
     *
     * @param name    where values come from, for messages ("system property", "environment variable")
     * @param lookup  the key-to-value function; returns null when absent
     * @param keyForm how the key is spelled in this source, for messages
     * @param names   the names this source holds, spelled as in the source (variable names for the
     *                environment), asked for when keys are checked; an empty set when it cannot list them
     */
    public ConfigSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(keyForm, "keyForm");
        Objects.requireNonNull(names, "names");
    }

    /**
     * A source that cannot list the names it holds: its keys are read, but none of them is ever
     * reported as unknown.
     *
     * @param name    where values come from, for messages
     * @param lookup  the key-to-value function; returns null when absent
     * @param keyForm how the key is spelled in this source, for messages
     */
    public ConfigSource(String name, Function<String, String> lookup, Function<String, String> keyForm) {
        this(name, lookup, keyForm, Set::of);
    }

    /**
     * JVM system properties ({@code -Dtidemark.store=mongodb}).
     *
     * @return a source reading system properties when asked
     */
    public static ConfigSource systemProperties() {
        return new ConfigSource(
                "system property",
                System::getProperty,
                Function.identity(),
                () -> System.getProperties().stringPropertyNames());
    }

    /**
     * Process environment ({@code TIDEMARK_STORE=mongodb}).
     *
     * @return a source reading the process environment when asked
     */
    public static ConfigSource environment() {
        return environment(System.getenv());
    }

    /**
     * The given environment map, with keys spelled as variables: upper case, {@code .} and {@code -} as {@code _}.
     *
     * @param variables the variables, by their environment names
     * @return a source named "environment variable" in messages
     */
    public static ConfigSource environment(Map<String, String> variables) {
        return new ConfigSource(
                "environment variable",
                key -> variables.get(environmentName(key)),
                ConfigSource::environmentName,
                variables::keySet);
    }

    /**
     * Values from a map, named {@code name} in messages.
     *
     * @param name   the source's name in messages
     * @param values the values by key; copied
     * @return a source over a copy of {@code values}
     */
    public static ConfigSource of(String name, Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ConfigSource(name, copy::get, Function.identity(), copy::keySet);
    }

    /**
     * Values from a properties object, named {@code name} in messages.
     *
     * @param name       the source's name in messages
     * @param properties the values by key; copied
     * @return a source over a copy of {@code properties}
     */
    public static ConfigSource of(String name, Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return new ConfigSource(name, copy::getProperty, Function.identity(), copy::stringPropertyNames);
    }

    /**
     * The {@code tidemark.properties} resource of {@code loader}, when there is one.
     *
     * @param loader   the class loader to read the resource with
     * @param resource the resource's name, such as {@code tidemark.properties}
     * @return the resource's properties, or empty when {@code loader} has no such resource
     * @throws java.io.UncheckedIOException when the resource exists but cannot be read
     */
    public static Optional<ConfigSource> classpathResource(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.of(of("class path resource " + resource, properties));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read class path resource " + resource, e);
        }
    }

    /**
     * {@code tidemark.dynamodb.endpoint} becomes {@code TIDEMARK_DYNAMODB_ENDPOINT}.
     *
     * @param key a configuration key
     * @return the environment variable's name for {@code key}: upper case, {@code .} and {@code -} as {@code _}
     */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    Optional<String> get(String key) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String spell(String key) {
        return name + " " + keyForm.apply(key);
    }
}

package io.tidemark.spring.boot.autoconfigure;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.ConfigurationKeys;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditStoreProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The library's configuration ({@link TidemarkConfig}) read from Spring's {@code Environment}, so that
 * {@code tidemark.*} keys mean the same in {@code application.yml}, the command line
 * ({@code --tidemark.chain=orders}), environment variables and every other property source as they
 * do in the library.
 *
 * <p>Rules:
 * <ul>
 *   <li>One {@link ConfigSource} per property source, in the environment's order (the first that has a
 *       key wins, as in Spring), named after it in messages; then {@code tidemark.properties} on the
 *       class path, last, as the library reads it.</li>
 *   <li>Keys are matched with Spring's relaxed rules ({@code tidemark.lock.leaseDuration} in YAML is
 *       {@code tidemark.lock.lease-duration}); placeholders ({@code ${MONGO_URI}}) are resolved.</li>
 *   <li>For the check for unknown keys, a name that relaxed binding matches to a known key is listed as
 *       that key, a list element ({@code tidemark.scan-packages[0]}) as its list; environment variables
 *       are compared as variables ({@code TIDEMARK_LOCK_TIMEOUT}), as the library compares them, in Boot's
 *       spelling too ({@code TIDEMARK_LOCK_LEASEDURATION}, dashes removed), which Boot binds and so does
 *       Tidemark.</li>
 * </ul>
 */
final class SpringEnvironmentConfiguration {

    /** Trailing list indices of a variable: {@code _0} in {@code TIDEMARK_SCANPACKAGES_0}, {@code _0_} too. */
    private static final Pattern LIST_INDEX = Pattern.compile("(_[0-9]+)+_?$");

    private SpringEnvironmentConfiguration() {}

    /**
     * The configuration {@code environment} holds, for the builder.
     *
     * @param environment the application's environment
     * @param loader      the class loader that finds {@code tidemark.properties} and the known keys
     * @return a configuration whose messages name Spring's places
     */
    static TidemarkConfig of(ConfigurableEnvironment environment, ClassLoader loader) {
        Set<String> known = knownKeys(loader);
        List<ConfigSource> sources = new ArrayList<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            Object underlying = source.getUnderlyingSource();
            if (underlying instanceof SystemEnvironmentPropertySource variables) {
                sources.add(environmentVariables(source, variables, environment, known));
            } else if (underlying instanceof PropertySource<?> propertySource) {
                sources.add(properties(source, propertySource.getName(), environment, known));
            }
        }
        ConfigSource.classpathResource(loader, TidemarkConfig.RESOURCE).ifPresent(sources::add);
        return TidemarkConfig.of(sources.toArray(ConfigSource[]::new))
                .withWhereToSet(SpringEnvironmentConfiguration::whereToSet);
    }

    /** Where a key can be set in a Spring Boot application, for messages. */
    static String whereToSet(String key) {
        return key + "=... in application.properties (or application.yml), --" + key
                + "=... on the command line, or environment variable " + ConfigSource.environmentName(key);
    }

    /**
     * The environment variables, read as Boot reads them: a key's variable is found in Boot's spelling
     * ({@code TIDEMARK_LOCK_LEASEDURATION}, dashes removed) as well as the library's
     * ({@code TIDEMARK_LOCK_LEASE_DURATION}); for the check for unknown keys, a variable in either spelling
     * (with list indices, {@code TIDEMARK_SCANPACKAGES_0}) is listed as the library spells the key it binds to.
     */
    private static ConfigSource environmentVariables(
            ConfigurationPropertySource source,
            SystemEnvironmentPropertySource variables,
            ConfigurableEnvironment environment,
            Set<String> known) {
        return new ConfigSource(
                "environment variable", lookup(source, environment), ConfigSource::environmentName, () -> {
                    Map<String, String> spellings = variableSpellings(known);
                    Set<String> names = new TreeSet<>();
                    for (String name : variables.getPropertyNames()) {
                        String spelled = spellings.get(name);
                        names.add(
                                spelled != null
                                        ? spelled
                                        : spellings.getOrDefault(
                                                LIST_INDEX.matcher(name).replaceFirst(""), name));
                    }
                    return names;
                });
    }

    /**
     * Each known key's variable, in the library's spelling ({@code TIDEMARK_LOCK_LEASE_DURATION}) and in
     * Boot's ({@code TIDEMARK_LOCK_LEASEDURATION}, dashes removed), mapped to the library's spelling.
     */
    private static Map<String, String> variableSpellings(Set<String> known) {
        Map<String, String> spellings = new HashMap<>();
        for (String key : known) {
            String library = ConfigSource.environmentName(key);
            spellings.put(library, library);
        }
        for (String key : known) {
            spellings.putIfAbsent(
                    key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", ""), ConfigSource.environmentName(key));
        }
        return spellings;
    }

    /** Reads a key as Boot binds it from {@code source}, placeholders resolved. */
    private static Function<String, String> lookup(
            ConfigurationPropertySource source, ConfigurableEnvironment environment) {
        return key -> {
            ConfigurationProperty property = source.getConfigurationProperty(ConfigurationPropertyName.adapt(key, '.'));
            return property == null ? null : resolved(property.getValue(), environment);
        };
    }

    private static ConfigSource properties(
            ConfigurationPropertySource source, String name, ConfigurableEnvironment environment, Set<String> known) {
        return new ConfigSource(
                "Spring property source '" + name + "'",
                lookup(source, environment),
                Function.identity(),
                () -> namesIn(source, known));
    }

    /** The {@code tidemark.*} names of {@code source}, each spelled as the known key it binds to, if any. */
    private static Set<String> namesIn(ConfigurationPropertySource source, Set<String> known) {
        if (!(source instanceof IterableConfigurationPropertySource iterable)) {
            return Set.of();
        }
        ConfigurationPropertyName root = ConfigurationPropertyName.of("tidemark");
        Set<String> names = new TreeSet<>();
        iterable.stream().filter(root::isAncestorOf).forEach(name -> names.add(spelling(name, known)));
        return names;
    }

    private static String spelling(ConfigurationPropertyName name, Set<String> known) {
        ConfigurationPropertyName unindexed = name;
        while (unindexed.getNumberOfElements() > 1 && unindexed.isLastElementIndexed()) {
            unindexed = unindexed.getParent();
        }
        for (String key : known) {
            if (ConfigurationPropertyName.adapt(key, '.').equals(unindexed)) {
                return key;
            }
        }
        return name.toString();
    }

    private static String resolved(Object value, ConfigurableEnvironment environment) {
        if (value == null) {
            return null;
        }
        return value instanceof String text ? environment.resolvePlaceholders(text) : value.toString();
    }

    /**
     * The keys the library knows, as its check does: every {@link ConfigurationKeys} service and every
     * adapter's keys (prefixes are compared by the library itself).
     */
    private static Set<String> knownKeys(ClassLoader loader) {
        Set<String> keys = new LinkedHashSet<>();
        ServiceLoader.load(ConfigurationKeys.class, loader).forEach(declared -> keys.addAll(declared.keys()));
        ServiceLoader.load(AuditStoreProvider.class, loader).forEach(provider -> keys.addAll(provider.keys()));
        return keys;
    }

    /**
     * A key's value in {@code environment} with relaxed binding and placeholders, for the few keys the
     * integration reads outside the library's configuration.
     */
    static Optional<String> property(ConfigurableEnvironment environment, String key) {
        return Optional.ofNullable(environment.getProperty(key))
                .filter(value -> !value.isBlank())
                .map(String::trim);
    }
}

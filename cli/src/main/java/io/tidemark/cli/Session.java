package io.tidemark.cli;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One connection to one store for one command: configuration resolved in the command line's order
 * (options, then the {@code --config} file, then system properties and environment variables), and
 * the operator API that {@code Tidemark.builder()} builds from it without change units (the store
 * created by its provider; chain, lock timeout and lease from the same configuration). Closing
 * closes the store.
 *
 * <p>The command line reads nothing but Tidemark's keys, so a {@code tidemark.*} key no part of
 * Tidemark reads is an error here (exit code 3), not the library's warning. It does not read a
 * {@code tidemark.properties} on its class path: run with {@code java -jar}, that class path is the
 * jar alone, and an application's file is the application's. Messages about a key name the places
 * the command line reads, the {@code --config} file first.
 */
final class Session implements AutoCloseable {

    private final OperatorApi operator;
    private final Optional<Tidemark> tidemark;
    private final Optional<URLClassLoader> classes;

    private Session(OperatorApi operator) {
        this(operator, Optional.empty(), Optional.empty());
    }

    private Session(OperatorApi operator, Optional<Tidemark> tidemark, Optional<URLClassLoader> classes) {
        this.operator = operator;
        this.tidemark = tidemark;
        this.classes = classes;
    }

    /** Opens the store that {@code options} (and the environment) select. */
    static Session open(StoreOptions options, Map<String, String> environment, Clock clock) {
        return open(options.store, options.config, options.chain, environment, clock);
    }

    /** Opens the store described by {@code configFile} alone (plus the environment), for migrations. */
    static Session open(String store, Path configFile, String chain, Map<String, String> environment, Clock clock) {
        TidemarkConfig config = configuration(store, configFile, chain, environment);
        String user = System.getProperty("user.name", "operator");
        return new Session(Tidemark.builder()
                .configuration(config)
                .clock(clock)
                .rejectUnknownKeys()
                .classLoader(Session.class.getClassLoader())
                .instanceId("tidemark-cli-" + user)
                .buildOperator());
    }

    /**
     * Opens the store that {@code options} select, knowing the application's change units: those of
     * {@code packages} on {@code classes} (which the session closes), validated and never run
     * ({@code inspectOnly()}), for {@code plan} and {@code baseline}.
     */
    static Session withChangeUnits(
            StoreOptions options,
            Map<String, String> environment,
            Clock clock,
            URLClassLoader classes,
            List<String> packages) {
        try {
            TidemarkConfig config = configuration(options.store, options.config, options.chain, environment);
            String user = System.getProperty("user.name", "operator");
            Tidemark tidemark = Tidemark.builder()
                    .configuration(config)
                    .clock(clock)
                    .classLoader(classes)
                    .instanceId("tidemark-cli-" + user)
                    .scanPackage(packages.toArray(String[]::new))
                    .inspectOnly()
                    .build();
            return new Session(tidemark.operator(), Optional.of(tidemark), Optional.of(classes));
        } catch (RuntimeException e) {
            close(classes);
            throw e;
        }
    }

    static TidemarkConfig configuration(String store, Path configFile, String chain, Map<String, String> environment) {
        Map<String, String> options = new HashMap<>();
        if (store != null) {
            options.put(Tidemark.Keys.STORE, store);
        }
        if (chain != null) {
            options.put(Tidemark.Keys.CHAIN, chain);
        }
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(new ConfigSource(
                "command line option",
                options::get,
                key -> key.equals("tidemark.store") ? "--store" : key.equals("tidemark.chain") ? "--chain" : key));
        if (configFile != null) {
            sources.add(ConfigSource.of("config file " + configFile, load(configFile)));
        }
        sources.add(ConfigSource.systemProperties());
        sources.add(ConfigSource.environment(environment));
        return TidemarkConfig.of(sources.toArray(ConfigSource[]::new))
                .withWhereToSet(key -> whereToSet(key, configFile));
    }

    /**
     * Where the command line reads {@code key}, for messages: the {@code --config} file (this one, when
     * one was given), the option for the store and the chain, {@code -D} and the environment.
     */
    static String whereToSet(String key, Path configFile) {
        String option = key.equals(Tidemark.Keys.STORE)
                ? ", --store NAME"
                : key.equals(Tidemark.Keys.CHAIN) ? ", --chain NAME" : "";
        String file = configFile != null ? "config file " + configFile : "a properties file given with --config FILE";
        return key + "=... in " + file + option + ", -D" + key + "=... given to java, or environment variable "
                + ConfigSource.environmentName(key);
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            return properties;
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(
                    "Config file " + file.toAbsolutePath() + " does not exist: check the path " + "given to --config");
        } catch (IOException e) {
            throw new ConfigurationException("Could not read config file " + file.toAbsolutePath() + ": " + e, e);
        }
    }

    AuditStore store() {
        return operator.store();
    }

    OperatorApi operator() {
        return operator;
    }

    String chain() {
        return operator.chain();
    }

    /** The application's change units, when the session was opened {@link #withChangeUnits with them}. */
    Tidemark tidemark() {
        return tidemark.orElseThrow(() -> new IllegalStateException("this session was opened without change units"));
    }

    @Override
    public void close() {
        operator.close();
        tidemark.ifPresent(Tidemark::close);
        classes.ifPresent(Session::close);
    }

    private static void close(URLClassLoader classes) {
        try {
            classes.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the jars of --classpath", e);
        }
    }
}

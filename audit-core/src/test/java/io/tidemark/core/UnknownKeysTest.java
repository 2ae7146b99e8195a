package io.tidemark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code tidemark.*} key that no part of Tidemark reads is reported by {@code build()}: a WARN in
 * the library naming the key, where it came from and the nearest known key; an error with
 * {@code rejectUnknownKeys()}. Keys of providers and of {@link ConfigurationKeys} services found by
 * the builder's class loader are known.
 *
 * <p>slf4j-simple writes each line to the {@code System.err} of the moment; the tests capture it
 * while the builder builds.
 */
class UnknownKeysTest {

    @TempDir
    Path services;

    /** A provider found on the class path, declaring two keys; never asked to create a store here. */
    public static final class KeyedProvider implements AuditStoreProvider {
        @Override
        public String name() {
            return "keyed";
        }

        @Override
        public Set<String> keys() {
            return Set.of("tidemark.keyed.endpoint", "tidemark.keyed.page-size");
        }

        @Override
        public AuditStore create(TidemarkConfig config, Clock clock) {
            throw new UnsupportedOperationException("not exercised");
        }
    }

    /** A module's declaration, as the Spring Boot starter would make one: one key and one prefix. */
    public static final class StarterKeys implements ConfigurationKeys {
        @Override
        public Set<String> keys() {
            return Set.of("tidemark.run-mode");
        }

        @Override
        public Set<String> prefixes() {
            return Set.of("tidemark.metrics.tags.");
        }
    }

    /** What {@code action} logged to {@code System.err}, line by line. */
    private static List<String> logged(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capturing = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setErr(capturing);
            action.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static List<String> unknownKeyWarnings(List<String> lines) {
        return lines.stream()
                .filter(line -> line.contains("WARN") && line.contains("Unknown configuration key"))
                .toList();
    }

    private static TidemarkBuilder builder(TidemarkConfig config) {
        return Tidemark.builder()
                .auditStore(new InMemoryAuditStore(Clock.systemUTC()))
                .configuration(config)
                .changeUnits(SampleChanges.CreateAccounts.class)
                .dependency(new ChangeTarget());
    }

    private static TidemarkConfig file(Map<String, String> keys) {
        return TidemarkConfig.of(ConfigSource.of("config file prod.properties", keys));
    }

    /**
     * A class loader that finds these services files (service interface to implementing class) and
     * defines the implementing classes itself, from this test's class files. Core's tests run on the
     * module path, where a {@code META-INF/services} entry naming a class of a named module is
     * ignored; classes this loader defines are in its unnamed module, like an application's on the
     * class path.
     */
    private ClassLoader withServices(Map<Class<?>, Class<?>> registrations) {
        try {
            Path directory = Files.createDirectories(services.resolve("META-INF/services"));
            for (Map.Entry<Class<?>, Class<?>> registration : registrations.entrySet()) {
                Files.writeString(
                        directory.resolve(registration.getKey().getName()),
                        registration.getValue().getName() + "\n");
            }
            Set<String> own =
                    registrations.values().stream().map(Class::getName).collect(Collectors.toSet());
            return new URLClassLoader(
                    new URL[] {services.toUri().toURL()}, getClass().getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    if (!own.contains(name)) {
                        return super.loadClass(name, resolve);
                    }
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> defined = findLoadedClass(name);
                        if (defined == null) {
                            byte[] bytes = classFile(name);
                            defined = defineClass(name, bytes, 0, bytes.length);
                        }
                        return defined;
                    }
                }
            };
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] classFile(String name) throws ClassNotFoundException {
        try (InputStream in = UnknownKeysTest.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    @Test
    void aMistypedKeyInAFileIsWarnedAboutWithItsSourceAndTheNearestKey() {
        List<String> lines =
                logged(() -> builder(file(Map.of("tidemark.lock.timout", "5m"))).build());

        assertThat(unknownKeyWarnings(lines))
                .singleElement()
                .asString()
                .contains(
                        "tidemark.lock.timout",
                        "(config file prod.properties)",
                        "did you mean tidemark.lock.timeout?",
                        "no effect");
    }

    @Test
    void aMistypedSystemPropertyIsWarnedAboutAsASystemProperty() {
        System.setProperty("tidemark.instance-idd", "blue");
        try {
            List<String> lines = logged(() ->
                    builder(TidemarkConfig.of(ConfigSource.systemProperties())).build());

            assertThat(unknownKeyWarnings(lines))
                    .singleElement()
                    .asString()
                    .contains("tidemark.instance-idd", "(system property)", "did you mean tidemark.instance-id?");
        } finally {
            System.clearProperty("tidemark.instance-idd");
        }
    }

    @Test
    void aMistypedEnvironmentVariableIsComparedInItsNormalisedFormAndNamedAsAVariable() {
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.environment(
                Map.of("TIDEMARK_LOCK_LEASE_DURATON", "30s", "TIDEMARK_CHAIN", "billing", "PATH", "/usr/bin")));

        List<String> lines = logged(() -> builder(config).build());

        assertThat(unknownKeyWarnings(lines))
                .singleElement()
                .asString()
                .contains(
                        "TIDEMARK_LOCK_LEASE_DURATON",
                        "(environment variable)",
                        "did you mean TIDEMARK_LOCK_LEASE_DURATION (tidemark.lock.lease-duration)?");
    }

    @Test
    void knownKeysOfTheCoreInEverySourceAreNotWarnedAbout() {
        TidemarkConfig config = TidemarkConfig.of(
                ConfigSource.of(
                        "config file prod.properties",
                        Map.of(
                                "tidemark.chain",
                                "orders",
                                "tidemark.lock.timeout",
                                "1m",
                                "tidemark.lock.lease-duration",
                                "30s",
                                "tidemark.instance-id",
                                "blue",
                                "other.key",
                                "x")),
                ConfigSource.environment(Map.of("TIDEMARK_CHAIN", "billing", "HOME", "/root")));

        List<String> lines = logged(() -> builder(config).build());

        assertThat(unknownKeyWarnings(lines)).isEmpty();
    }

    @Test
    void keysOfAProviderOnTheClassPathAreKnownAndSuggested() {
        ClassLoader loader = withServices(Map.of(AuditStoreProvider.class, KeyedProvider.class));
        TidemarkConfig known =
                file(Map.of("tidemark.keyed.endpoint", "http://localhost:1", "tidemark.keyed.page-size", "5"));
        TidemarkConfig mistyped = TidemarkConfig.of(ConfigSource.environment(Map.of("TIDEMARK_KEYED_ENDPONT", "x")));

        List<String> quiet = logged(() -> builder(known).classLoader(loader).build());
        List<String> warned = logged(() -> builder(mistyped).classLoader(loader).build());

        assertThat(unknownKeyWarnings(quiet)).isEmpty();
        assertThat(unknownKeyWarnings(warned))
                .singleElement()
                .asString()
                .contains("did you mean TIDEMARK_KEYED_ENDPOINT (tidemark.keyed.endpoint)?");
    }

    @Test
    void keysAndPrefixesThatOtherModulesDeclareAreKnown() {
        ClassLoader loader = withServices(Map.of(ConfigurationKeys.class, StarterKeys.class));
        TidemarkConfig config = file(Map.of(
                "tidemark.run-mode", "plan", "tidemark.metrics.tags.team", "billing", "tidemark.run-mod", "plan"));

        List<String> lines = logged(() -> builder(config).classLoader(loader).build());

        assertThat(unknownKeyWarnings(lines))
                .singleElement()
                .asString()
                .contains("tidemark.run-mod ", "did you mean tidemark.run-mode?");
    }

    @Test
    void eachUnknownKeyIsWarnedAboutOncePerBuild() {
        TidemarkBuilder builder = builder(file(Map.of("tidemark.chian", "orders", "tidemark.stor", "mongodb")));

        List<String> first = logged(builder::build);
        List<String> both = logged(() -> {
            builder.build();
            builder.buildOperator().close();
        });

        assertThat(unknownKeyWarnings(first))
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("tidemark.chian", "did you mean tidemark.chain?"))
                .anySatisfy(line -> assertThat(line).contains("tidemark.stor ", "did you mean tidemark.store?"));
        assertThat(unknownKeyWarnings(both)).hasSize(4);
    }

    @Test
    void aKeyFarFromEveryKnownKeyIsReportedWithoutASuggestion() {
        List<String> lines = logged(() ->
                builder(file(Map.of("tidemark.frobnicate.everything", "yes"))).build());

        assertThat(unknownKeyWarnings(lines))
                .singleElement()
                .asString()
                .contains("tidemark.frobnicate.everything", "no part of Tidemark reads it")
                .doesNotContain("did you mean");
    }

    @Test
    void aPropertySpelledInAnotherCaseOrWithUnderscoresIsUnknownSinceNothingReadsIt() {
        List<String> lines =
                logged(() -> builder(file(Map.of("Tidemark.Chain", "orders", "tidemark.lock.lease_duration", "30s")))
                        .build());

        assertThat(unknownKeyWarnings(lines))
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("Tidemark.Chain", "did you mean tidemark.chain?"))
                .anySatisfy(line -> assertThat(line)
                        .contains("tidemark.lock.lease_duration", "did you mean tidemark.lock.lease-duration?"));
    }

    @Test
    void withRejectUnknownKeysEveryUnknownKeyFailsTheBuildBeforeAStoreIsCreated() {
        Properties file = new Properties();
        file.setProperty("tidemark.dynamodb.endpont", "http://localhost:8000");
        file.setProperty("tidemark.chian", "orders");
        ClassLoader loader = withServices(Map.of(AuditStoreProvider.class, KeyedProvider.class));

        ConfigurationException thrown = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.builder()
                        .configuration(TidemarkConfig.of(ConfigSource.of("config file prod.properties", file)))
                        .classLoader(loader)
                        .rejectUnknownKeys()
                        .buildOperator());

        assertThat(thrown.problems()).hasSize(2);
        assertThat(thrown.problems().get(0))
                .contains("tidemark.chian", "did you mean tidemark.chain?", "correct or remove it");
        assertThat(thrown.problems().get(1))
                .contains("tidemark.dynamodb.endpont", "(config file prod.properties)")
                .doesNotContain("did you mean");
    }

    /**
     * {@code tidemark.store=mongodb} with the MongoDB adapter missing: with {@code rejectUnknownKeys()}
     * the unknown-key check runs first, so its message is all the user sees, and it must give the fix
     * (the artifact) rather than call the adapter's own keys mistyped.
     */
    @Test
    void withRejectUnknownKeysTheKeysOfAnAdapterNotOnTheClassPathNameTheArtifactToAdd() {
        Properties file = new Properties();
        file.setProperty("tidemark.store", "mongodb");
        file.setProperty("tidemark.mongodb.uri", "mongodb://db1.example:27017/app");
        ClassLoader loader = withServices(Map.of(AuditStoreProvider.class, KeyedProvider.class));

        ConfigurationException thrown = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.builder()
                        .configuration(TidemarkConfig.of(ConfigSource.of("config file prod.properties", file)))
                        .classLoader(loader)
                        .rejectUnknownKeys()
                        .buildOperator());

        assertThat(thrown.problems()).hasSize(1);
        assertThat(thrown.problems().get(0))
                .contains("tidemark.mongodb.uri", "not on the class path", "io.tidemark:tidemark-adapter-mongodb")
                .doesNotContain("part of Tidemark reads it", "db1.example");
    }

    @Test
    void withRejectUnknownKeysKnownKeysBuildAsUsual() {
        try (OperatorApi operator = builder(file(Map.of("tidemark.chain", "orders")))
                .rejectUnknownKeys()
                .buildOperator()) {
            assertThat(operator.chain()).isEqualTo("orders");
        }
    }

    @Test
    void everyConstantOfTidemarkKeysIsKnown() {
        TidemarkConfig config = file(Map.of(
                Tidemark.Keys.CHAIN,
                "a",
                Tidemark.Keys.STORE,
                "b",
                Tidemark.Keys.INSTANCE_ID,
                "c",
                Tidemark.Keys.LOCK_TIMEOUT,
                "1m",
                Tidemark.Keys.LEASE_DURATION,
                "1m"));

        assertThat(unknownKeyWarnings(logged(() -> builder(config).build()))).isEmpty();
    }
}

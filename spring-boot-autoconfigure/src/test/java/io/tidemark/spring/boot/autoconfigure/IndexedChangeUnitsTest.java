package io.tidemark.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.ChangeUnit;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.processor.ChangeUnitIndexProcessor;
import io.tidemark.spi.AuditStore;
import io.tidemark.spring.boot.autoconfigure.actuate.TidemarkActuatorAutoConfiguration;
import io.tidemark.spring.boot.autoconfigure.actuate.TidemarkHealthIndicator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Change units with {@code tidemark-processor}'s index in a Spring application: their bean parameters
 * are resolved when the classes are loaded. A bean missing for a change unit already applied does not
 * stop a start that has nothing to run (without the index it does), and the health indicator, whose
 * plan loads the classes, reports the change units invalid rather than the store unreadable.
 */
class IndexedChangeUnitsTest {

    private static final String PACKAGE = "com.example.indexed";

    @TempDir
    Path directory;

    @Test
    void aBeanMissingForAnAppliedChangeUnitIsReportedByTheHealthNotAtAnIdleStart() throws Exception {
        AuditStore store = new InMemoryAuditStore(Clock.systemUTC());
        try (URLClassLoader loader = compile(true)) {
            assertThat(Files.exists(directory.resolve("classes/META-INF/tidemark/index/" + PACKAGE + ".idx")))
                    .isTrue();
            Executor direct = Runnable::run;
            Tidemark.builder()
                    .auditStore(store)
                    .classLoader(loader)
                    .scanPackage(PACKAGE)
                    .dependency(Executor.class, direct)
                    .build()
                    .run();

            runner(loader, store).run(context -> {
                assertThat(context).hasNotFailed();
                Health health = context.getBean(TidemarkHealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails().get("error"))
                        .asString()
                        .startsWith("The change units are invalid: ")
                        .contains(PACKAGE + ".NeedsExecutor.apply parameter 1 (java.util.concurrent.Executor)")
                        .contains("no bean of type java.util.concurrent.Executor");
            });
        }
    }

    @Test
    void withoutTheIndexTheSameBeanMissingStopsTheStart() throws Exception {
        AuditStore store = new InMemoryAuditStore(Clock.systemUTC());
        try (URLClassLoader loader = compile(false)) {
            runner(loader, store)
                    .run(context -> assertThat(context)
                            .hasFailed()
                            .getFailure()
                            .rootCause()
                            .isInstanceOf(ConfigurationException.class)
                            .hasMessageContaining("no bean of type java.util.concurrent.Executor"));
        }
    }

    private static ApplicationContextRunner runner(ClassLoader loader, AuditStore store) {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(TidemarkAutoConfiguration.class, TidemarkActuatorAutoConfiguration.class))
                .withClassLoader(loader)
                .withBean(AuditStore.class, () -> store)
                .withPropertyValues("tidemark.scan-packages=" + PACKAGE);
    }

    /** Compiles one change unit taking an {@link Executor}, with the processor or without; a loader over it. */
    private URLClassLoader compile(boolean withProcessor) throws IOException, URISyntaxException {
        Path sources = Files.createDirectories(directory.resolve("src/com/example/indexed"));
        Path classes = Files.createDirectories(directory.resolve("classes"));
        Path source = Files.writeString(sources.resolve("NeedsExecutor.java"), """
                package com.example.indexed;

                @io.tidemark.api.ChangeUnit(id = "needs-executor", order = "1")
                public class NeedsExecutor {
                    @io.tidemark.api.Execution
                    public void apply(java.util.concurrent.Executor executor) {
                    }
                }
                """);
        List<String> options = new ArrayList<>(List.of(
                "-d",
                classes.toString(),
                "-classpath",
                location(ChangeUnit.class).toString()));
        if (withProcessor) {
            options.addAll(List.of(
                    "-processorpath", location(ChangeUnitIndexProcessor.class).toString()));
        } else {
            options.add("-proc:none");
        }
        options.add(source.toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int exit = javac.run(null, diagnostics, diagnostics, options.toArray(String[]::new));
        assertThat(exit).as("javac: %s", diagnostics).isZero();
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, IndexedChangeUnitsTest.class.getClassLoader());
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}

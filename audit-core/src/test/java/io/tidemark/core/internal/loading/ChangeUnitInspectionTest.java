package io.tidemark.core.internal.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.Plan;
import io.tidemark.core.PlannedChange;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.PendingChangesException;
import io.tidemark.core.internal.loading.inspected.NeedsAService;
import io.tidemark.core.internal.loading.inspected.StaticallyFlagged;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How change units are read without being run: no static initialiser runs, an inspect-only build
 * needs none of their dependencies, and a change unit that cannot be loaded is named.
 */
class ChangeUnitInspectionTest {

    private static final String UNLOADABLE = "io.tidemark.core.internal.loading.unloadable";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);

    private TidemarkBuilder builder() {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .clock(clock)
                .sleeper(clock::advance);
    }

    @Test
    void buildingPlanningAndBaseliningRunNoStaticInitialiser() {
        Tidemark tidemark = builder().changeUnits(StaticallyFlagged.class).build();
        Tidemark inspecting = builder()
                .scanPackage("io.tidemark.core.internal.loading.inspected")
                .inspectOnly()
                .build();

        Plan plan = tidemark.plan();
        inspecting.plan();
        inspecting.operator().baseline("1", "ana", "inspected only");

        assertThat(plan.toRun()).extracting(PlannedChange::changeId).containsExactly("statically-flagged");
        assertThat(System.getProperty(StaticallyFlagged.FLAG))
                .as("set by the static initialiser if it ran")
                .isNull();
    }

    @Test
    void anInspectOnlyBuildNeedsNoDependencyAndOnlyValidates() {
        ConfigurationException normal = catchThrowableOfType(
                ConfigurationException.class,
                () -> builder().changeUnits(NeedsAService.class).build());
        assertThat(normal).hasMessageContaining("nothing supplies it");

        Tidemark inspecting =
                builder().changeUnits(NeedsAService.class).inspectOnly().build();

        assertThat(inspecting.isValidateOnly()).isTrue();
        assertThat(inspecting.changeUnits()).singleElement().satisfies(info -> {
            assertThat(info.id()).isEqualTo("needs-a-service");
            assertThat(info.className()).isEqualTo(NeedsAService.class.getName());
        });
        assertThat(inspecting.plan().toRun())
                .extracting(PlannedChange::changeId)
                .containsExactly("needs-a-service");
        PendingChangesException pending = catchThrowableOfType(PendingChangesException.class, inspecting::run);
        assertThat(pending).hasMessageContaining("needs-a-service");
        assertThat(store.history().readAll("default").toList()).isEmpty();
    }

    @Test
    void anInspectOnlyBuildStillReportsEveryOtherProblem() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> builder()
                        .changeUnits(NeedsAService.class, TwoExecutions.class)
                        .inspectOnly()
                        .build());

        assertThat(error).hasMessageContaining("2 @Execution methods").hasMessageNotContaining("nothing supplies it");
    }

    @io.tidemark.api.ChangeUnit(id = "two-executions", order = "9")
    public static final class TwoExecutions {
        @io.tidemark.api.Execution
        public void one() {}

        @io.tidemark.api.Execution
        public void two() {}
    }

    @Test
    void aScannedChangeUnitThatCannotBeLoadedIsNamedAndOtherUnloadableClassesAreNot() {
        ClassLoader loader = new HidingLoader(Set.of(UNLOADABLE + ".MissingBase", UNLOADABLE + ".MissingParameter"));

        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> builder()
                        .classLoader(loader)
                        .scanPackage(UNLOADABLE)
                        .inspectOnly()
                        .build());

        assertThat(error)
                .hasMessageContaining(UNLOADABLE + ".BrokenChange is annotated @ChangeUnit but cannot be "
                        + "loaded: class " + UNLOADABLE + ".MissingBase, which it needs, is not on the class path");
        assertThat(error)
                .hasMessageContaining(UNLOADABLE + ".ParameterMissingChange cannot be loaded: class " + UNLOADABLE
                        + ".MissingParameter, which it needs, is not on the class path");
        assertThat(error).hasMessageNotContaining("HelperOfMissing").hasMessageNotContaining("GoodChange");
    }

    @Test
    void withEveryClassOnTheClassPathTheSamePackageLoads() {
        Tidemark tidemark = builder().scanPackage(UNLOADABLE).inspectOnly().build();

        assertThat(tidemark.changeUnits())
                .extracting(info -> info.id())
                .containsExactly("good", "broken", "parameter-missing");
    }

    /**
     * Loads the classes of the test package itself (so that they are not the application class
     * loader's), and refuses the hidden ones, as a class path without their jar would.
     */
    private static final class HidingLoader extends ClassLoader {

        private final Set<String> hidden;

        HidingLoader(Set<String> hidden) {
            super(ChangeUnitInspectionTest.class.getClassLoader());
            this.hidden = hidden;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (hidden.contains(name)) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith(UNLOADABLE + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}

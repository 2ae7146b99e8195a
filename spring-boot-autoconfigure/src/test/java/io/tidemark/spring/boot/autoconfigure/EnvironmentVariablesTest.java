package io.tidemark.spring.boot.autoconfigure;

import static io.tidemark.spring.boot.autoconfigure.MongoBoot.freshDatabase;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.runner;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.PlannedChange;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spring.boot.autoconfigure.MongoBoot.MongoClientBean;
import io.tidemark.spring.boot.autoconfigure.fixtures.ChangeJournal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * {@code TIDEMARK_*} environment variables in a Boot application, spelled both ways Boot binds them: its
 * own form (dashes removed: {@code TIDEMARK_RUNMODE}, {@code TIDEMARK_LOCK_LEASEDURATION}) and the form
 * with dashes as underscores ({@code TIDEMARK_RUN_MODE}), which the plain library reads.
 */
class EnvironmentVariablesTest {

    private static final String BASIC_PACKAGE = "io.tidemark.spring.boot.autoconfigure.fixtures.basic";

    /** The runner with {@code variables} as the process environment, where Boot expects it. */
    private static ApplicationContextRunner withVariables(Map<String, String> variables) {
        return runner().withUserConfiguration(MongoClientBean.class)
                .withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addAfter(
                                StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                                new SystemEnvironmentPropertySource(
                                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                        Map.copyOf(variables))));
    }

    @Test
    void variablesInBootsOwnFormAreReadByTheLibraryAndPassTheUnknownKeyCheck() {
        withVariables(Map.of(
                        "TIDEMARK_SCANPACKAGES", BASIC_PACKAGE,
                        "TIDEMARK_MONGODB_DATABASE", freshDatabase(),
                        "TIDEMARK_RUNMODE", "deferred",
                        "TIDEMARK_INSTANCEID", "boot-env-1",
                        "TIDEMARK_LOCK_LEASEDURATION", "5s"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Tidemark tidemark = context.getBean(Tidemark.class);
                    assertThat(tidemark.instanceId()).isEqualTo("boot-env-1");
                    assertThat(context.getBean(ChangeJournal.class).entries())
                            .as("deferred: nothing ran")
                            .isEmpty();
                    assertThat(tidemark.plan().toRun())
                            .extracting(PlannedChange::changeId)
                            .containsExactly("create-greetings", "add-farewells");
                });
    }

    @Test
    void variablesWithDashesAsUnderscoresWorkAsInTheLibrary() {
        withVariables(Map.of(
                        "TIDEMARK_SCAN_PACKAGES",
                        BASIC_PACKAGE,
                        "TIDEMARK_MONGODB_DATABASE",
                        freshDatabase(),
                        "TIDEMARK_RUN_MODE",
                        "deferred",
                        "TIDEMARK_INSTANCE_ID",
                        "boot-env-2"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Tidemark.class).instanceId()).isEqualTo("boot-env-2");
                    assertThat(context.getBean(ChangeJournal.class).entries()).isEmpty();
                });
    }

    @Test
    void anUnknownVariableStillFailsStartupNamingTheNearestKey() {
        withVariables(Map.of(
                        "TIDEMARK_SCAN_PACKAGES",
                        BASIC_PACKAGE,
                        "TIDEMARK_MONGODB_DATABASE",
                        freshDatabase(),
                        "TIDEMARK_LOCK_TIMOUT",
                        "5s"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    ConfigurationException error =
                            (ConfigurationException) TidemarkAutoConfigurationMongoTest.findCause(
                                    context.getStartupFailure(), ConfigurationException.class);
                    assertThat(error.problems())
                            .singleElement()
                            .asString()
                            .contains("TIDEMARK_LOCK_TIMOUT")
                            .contains("did you mean TIDEMARK_LOCK_TIMEOUT");
                });
    }
}

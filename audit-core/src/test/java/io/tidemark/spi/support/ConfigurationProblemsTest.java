package io.tidemark.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every problem of a provider's keys reported at once, each key once. */
class ConfigurationProblemsTest {

    private final TidemarkConfig config = TidemarkConfig.of(
            ConfigSource.of("test file", Map.of("x.page-size", "many", "x.auto-create", "maybe", "x.name", "ok")));

    @Test
    void everyProblemIsListedInOneExceptionInTheOrderFound() {
        ConfigurationProblems problems = new ConfigurationProblems();

        Optional<Long> pageSize = problems.read("x.page-size", () -> config.getLong("x.page-size"));
        Optional<Boolean> autoCreate = problems.read("x.auto-create", () -> config.getBoolean("x.auto-create"));
        problems.add("x.region", "Missing configuration x.region: set it.");

        ConfigurationException error = catchThrowableOfType(ConfigurationException.class, problems::throwIfAny);

        assertThat(pageSize).isEmpty();
        assertThat(autoCreate).isEmpty();
        assertThat(error.problems()).hasSize(3);
        assertThat(error.problems().get(0)).contains("x.page-size", "many", "test file");
        assertThat(error.problems().get(1)).contains("x.auto-create", "maybe");
        assertThat(error.problems().get(2)).isEqualTo("Missing configuration x.region: set it.");
        assertThat(error).hasMessageStartingWith("3 problems:");
    }

    @Test
    void aKeyFoundWrongIsNotFineAnyMoreSoDependentChecksCanSkipIt() {
        ConfigurationProblems problems = new ConfigurationProblems();

        problems.read("x.page-size", () -> config.getLong("x.page-size"));
        Optional<String> name = problems.read("x.name", () -> config.get("x.name"));

        assertThat(problems.isFine("x.page-size")).isFalse();
        assertThat(problems.isFine("x.name")).isTrue();
        assertThat(name).contains("ok");
        assertThat(problems.any()).isTrue();
    }

    @Test
    void withoutProblemsNothingIsThrown() {
        ConfigurationProblems problems = new ConfigurationProblems();

        problems.read("x.name", () -> config.get("x.name"));
        problems.throwIfAny();

        assertThat(problems.any()).isFalse();
    }
}

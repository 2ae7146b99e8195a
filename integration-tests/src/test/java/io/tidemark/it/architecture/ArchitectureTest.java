package io.tidemark.it.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules over every production class of every module on this class path: the
 * library modules (the Spring Boot auto-configuration and starter among them), the command line, the
 * quickstart and the benchmark harness.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.tidemark");
    }

    @Test
    void everyModuleIsImported() {
        assertThat(production.containPackage("io.tidemark.api")).isTrue();
        assertThat(production.containPackage("io.tidemark.core")).isTrue();
        assertThat(production.containPackage("io.tidemark.core.internal.engine"))
                .isTrue();
        assertThat(production.containPackage("io.tidemark.spi")).isTrue();
        assertThat(production.containPackage("io.tidemark.tck")).isTrue();
        assertThat(production.containPackage("io.tidemark.adapter.dynamodb")).isTrue();
        assertThat(production.containPackage("io.tidemark.adapter.mongodb")).isTrue();
        assertThat(production.containPackage("io.tidemark.adapter.couchbase")).isTrue();
        assertThat(production.containPackage("io.tidemark.micrometer")).isTrue();
        assertThat(production.containPackage("io.tidemark.cli")).isTrue();
        assertThat(production.containPackage("io.tidemark.test")).isTrue();
        assertThat(production.containPackage("io.tidemark.examples.quickstart")).isTrue();
        assertThat(production.containPackage("io.tidemark.bench")).isTrue();
        assertThat(production.contain("io.tidemark.spring.boot.autoconfigure.TidemarkAutoConfiguration"))
                .isTrue();
        assertThat(production.contain("io.tidemark.spring.boot.autoconfigure.actuate.TidemarkEndpoint"))
                .isTrue();
        assertThat(production.contain("io.tidemark.spring.boot.starter.TidemarkStarter"))
                .isTrue();
        assertThat(production.contain("io.tidemark.processor.ChangeUnitIndexProcessor"))
                .isTrue();
    }

    @Test
    void testFixturesAndTestsAreNotProductionCode() {
        // containPackage() is also true for a package that is only referenced (the quickstart, an unpublished
        // example, starts the dynalite fixture); what matters is that no fixture class was imported as production.
        for (String fixtures : List.of(
                "io.tidemark.adapter.dynamodb.testing",
                "io.tidemark.adapter.mongodb.testing",
                "io.tidemark.adapter.couchbase.testing",
                "io.tidemark.it",
                "io.tidemark.spring.boot.archfixture")) {
            assertThat(production.stream().map(JavaClass::getPackageName))
                    .as("production classes in %s", fixtures)
                    .noneMatch(name -> name.equals(fixtures) || name.startsWith(fixtures + "."));
        }
    }

    @Test
    void apiDependsOnlyOnTheJdk() {
        ArchitectureRules.apiDependsOnlyOnTheJdk("io.tidemark.api").check(production);
    }

    @Test
    void apiDoesNotUseCore() {
        ArchitectureRules.apiDoesNotUseCore("io.tidemark.api", "io.tidemark.core")
                .check(production);
    }

    @Test
    void coreSeesNoSdkNorAdapter() {
        ArchitectureRules.coreSeesNoSdkNorAdapter("io.tidemark.core", "io.tidemark.adapter", "io.tidemark.tck")
                .check(production);
    }

    @Test
    void adaptersAreIndependent() {
        ArchitectureRules.adaptersAreIndependent("io.tidemark.adapter").check(production);
    }

    @Test
    void internalsStayInCore() {
        ArchitectureRules.internalsStayInCore(ArchitectureRules.CORE, ArchitectureRules.CORE_INTERNALS)
                .check(production);
    }

    @Test
    void spiDoesNotUseInternals() {
        ArchitectureRules.spiDoesNotUseInternals("io.tidemark.spi", "io.tidemark.core.internal")
                .check(production);
    }

    @Test
    void noPackageCycles() {
        ArchitectureRules.noPackageCycles("io.tidemark", "io.tidemark.core", "io.tidemark.spi")
                .check(production);
    }

    @Test
    void noCyclesAmongTheCoresInternals() {
        ArchitectureRules.noCyclesAmongInternals("io.tidemark.core.internal").check(production);
    }

    @Test
    void noStaticClock() {
        ArchitectureRules.noStaticClock(ArchitectureRules.ROOT, ArchitectureRules.EXAMPLES)
                .check(production);
    }

    @Test
    void noVagueNames() {
        ArchitectureRules.noVagueNames("io.tidemark").check(production);
    }

    @Test
    void noConsoleOutputInLibraries() {
        ArchitectureRules.noConsoleOutput(ArchitectureRules.LIBRARY_PACKAGES).check(production);
    }
}

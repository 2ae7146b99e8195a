package io.tidemark.it.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule applied to fixtures in {@code archfixture} that break it on purpose: proof that the
 * rules in {@link ArchitectureTest} would catch a violation (an adapter class imported from core,
 * an SDK-like dependency in the API, adapters using each other, a package cycle, a static clock, an
 * internal of the core used outside it or by the SPI).
 */
class ArchitectureRulesCanFailTest {

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages("archfixture");
    }

    private static void assertViolated(EvaluationResult result, String offendingClass) {
        assertThat(result.hasViolation())
                .as("rule %s must be violated", result.getFailureReport())
                .isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains(offendingClass));
    }

    @Test
    void anAdapterClassImportedFromCoreIsCaught() {
        assertViolated(
                ArchitectureRules.coreSeesNoSdkNorAdapter("archfixture.core", "archfixture.adapter", "archfixture.tck")
                        .evaluate(fixtures),
                "archfixture.core.UsesAnAdapter");
    }

    @Test
    void aNonJdkDependencyInTheApiIsCaught() {
        assertViolated(
                ArchitectureRules.apiDependsOnlyOnTheJdk("archfixture.api").evaluate(fixtures),
                "archfixture.api.LogsThroughSlf4j");
    }

    @Test
    void adaptersUsingEachOtherAreCaught() {
        assertViolated(
                ArchitectureRules.adaptersAreIndependent("archfixture.adapter").evaluate(fixtures),
                "archfixture.adapter.beta.UsesAlpha");
    }

    @Test
    void aPackageCycleIsCaught() {
        assertViolated(
                ArchitectureRules.noPackageCycles("archfixture.cycle", "archfixture.core")
                        .evaluate(fixtures),
                "archfixture.cycle");
    }

    @Test
    void aCycleAmongInternalPackagesIsCaught() {
        assertViolated(
                ArchitectureRules.noCyclesAmongInternals("archfixture.cycle").evaluate(fixtures), "archfixture.cycle");
    }

    @Test
    void anInternalUsedOutsideTheCoreIsCaughtAndItsUseInsideIsNot() {
        EvaluationResult result = ArchitectureRules.internalsStayInCore("archfixture.core", "archfixture.core.internal")
                .evaluate(fixtures);

        assertViolated(result, "archfixture.outside.UsesAnInternal");
        assertThat(result.getFailureReport().getDetails())
                .noneSatisfy(line -> assertThat(line).contains("archfixture.core.StaysInside"));
    }

    @Test
    void anSpiUsingAnInternalIsCaught() {
        assertViolated(
                ArchitectureRules.spiDoesNotUseInternals("archfixture.spi", "archfixture.core.internal")
                        .evaluate(fixtures),
                "archfixture.spi.PortUsesAnInternal");
    }

    @Test
    void aStaticClockIsCaught() {
        assertViolated(
                ArchitectureRules.noStaticClock("archfixture").evaluate(fixtures),
                "archfixture.core.ReadsTheSystemClock");
    }

    @Test
    void consoleOutputIsCaught() {
        assertViolated(
                ArchitectureRules.noConsoleOutput("archfixture.core..").evaluate(fixtures),
                "archfixture.core.PrintsToTheConsole");
    }

    /**
     * The rules as {@link ArchitectureTest} configures them for the real code base, on classes in a
     * package of the Spring Boot modules that break them: proof that the configured packages cover
     * those modules, not only that the rules work on {@code archfixture}.
     */
    @Test
    void theRulesAsConfiguredCoverTheSpringBootModules() {
        JavaClasses spring = new ClassFileImporter().importPackages("io.tidemark.spring.boot.archfixture");

        assertViolated(
                ArchitectureRules.internalsStayInCore(ArchitectureRules.CORE, ArchitectureRules.CORE_INTERNALS)
                        .evaluate(spring),
                "io.tidemark.spring.boot.archfixture.UsesAnInternalOfTheCore");
        assertViolated(
                ArchitectureRules.noConsoleOutput(ArchitectureRules.LIBRARY_PACKAGES)
                        .evaluate(spring),
                "io.tidemark.spring.boot.archfixture.PrintsToTheConsole");
        assertViolated(
                ArchitectureRules.noStaticClock(ArchitectureRules.ROOT, ArchitectureRules.EXAMPLES)
                        .evaluate(spring),
                "io.tidemark.spring.boot.archfixture.ReadsTheSystemClock");
    }

    @Test
    void anApplicationUsingAnInternalOrATestFixtureIsCaught() {
        EvaluationResult result = ArchitectureRules.applicationUsesPublishedApiOnly(
                        "archfixture.application", "archfixture.core.internal", "archfixture.tck")
                .evaluate(fixtures);

        assertViolated(result, "archfixture.application.UsesAnInternalOfTheCore");
        assertViolated(result, "archfixture.application.UsesATestFixture");
    }
}

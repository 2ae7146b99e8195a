package io.tidemark.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The architecture rules, written over package names so that the same rule is applied to the real
 * code base and, in {@link ArchitectureRulesCanFailTest}, to deliberately broken fixtures.
 */
final class ArchitectureRules {

    /** Packages of the database SDKs, which only their own adapter may use. */
    static final String[] SDK_PACKAGES = {
        "software.amazon..", "com.amazonaws..", "com.mongodb..", "org.bson..", "com.couchbase.."
    };

    /**
     * The packages of the library modules, which log through slf4j only: everything a user's application
     * runs inside it (the command line, the examples and the benchmark harness are programs of their own).
     */
    static final String[] LIBRARY_PACKAGES = {
        "io.tidemark.api..",
        "io.tidemark.core..",
        "io.tidemark.adapter..",
        "io.tidemark.test..",
        "io.tidemark.micrometer..",
        "io.tidemark.spring..",
        "io.tidemark.processor.."
    };

    /** The root of everything Tidemark publishes or runs. */
    static final String ROOT = "io.tidemark";

    /** The programs under {@link #ROOT} that may read the system clock: the examples. */
    static final String EXAMPLES = "io.tidemark.examples..";

    /** The core (audit-core's user API and internals) and its internals. */
    static final String CORE = "io.tidemark.core";

    static final String CORE_INTERNALS = "io.tidemark.core.internal";

    private ArchitectureRules() {}

    /**
     * Nothing outside the core ({@code corePackage}, the module {@code tidemark-audit-core}) uses its
     * internals ({@code internalPackage}): the core's module descriptor does not export them, and this
     * rule holds for modules on the class path too. The core's SPI packages live outside
     * {@code corePackage}, so the rule covers them as well.
     */
    static ArchRule internalsStayInCore(String corePackage, String internalPackage) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(corePackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(internalPackage + "..")
                .as("nothing outside audit-core uses " + internalPackage + "..")
                .because("the internals are not part of the user API or the adapter SPI and change without notice");
    }

    /**
     * An application (a user's project) uses what Tidemark publishes for it, nothing else: no internal
     * of the core, nothing of the adapter TCK, and no {@code testing} package (the fixtures of
     * Tidemark's own tests, shipped in test jars).
     */
    static ArchRule applicationUsesPublishedApiOnly(
            String applicationPackage, String internalPackage, String tckPackage) {
        return noClasses()
                .that()
                .resideInAPackage(applicationPackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(internalPackage + "..", tckPackage + "..", "..testing..")
                .as("the application " + applicationPackage + ".. uses no internal, TCK or testing class of Tidemark")
                .because("a user tests change units with tidemark-test and the user API alone");
    }

    /** The adapter SPI depends on the user API at most, never on the internals. */
    static ArchRule spiDoesNotUseInternals(String spiPackage, String internalPackage) {
        return noClasses()
                .that()
                .resideInAPackage(spiPackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(internalPackage + "..")
                .as("the adapter SPI (" + spiPackage + "..) does not depend on the internals")
                .because("adapters compile against the SPI alone; data flows user API -> internals -> SPI -> adapter");
    }

    /** What change units compile against depends on the JDK only. */
    static ArchRule apiDependsOnlyOnTheJdk(String apiPackage) {
        return classes()
                .that()
                .resideInAPackage(apiPackage + "..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", apiPackage + "..")
                .as("the change-unit API depends on java.* only")
                .because("change units must compile without the engine or any SDK on their class path");
    }

    /** The core sees neither an SDK nor an adapter nor the TCK. */
    static ArchRule coreSeesNoSdkNorAdapter(String corePackage, String adapterPackage, String tckPackage) {
        String[] forbidden = new String[SDK_PACKAGES.length + 2];
        System.arraycopy(SDK_PACKAGES, 0, forbidden, 0, SDK_PACKAGES.length);
        forbidden[SDK_PACKAGES.length] = adapterPackage + "..";
        forbidden[SDK_PACKAGES.length + 1] = tckPackage + "..";
        return noClasses()
                .that()
                .resideInAPackage(corePackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .as("audit-core depends on no database SDK, no adapter and not on the TCK")
                .because("the audit store is chosen by configuration; the core must work with any adapter");
    }

    /** The API does not reach into the core either (it sits below it). */
    static ArchRule apiDoesNotUseCore(String apiPackage, String corePackage) {
        return noClasses()
                .that()
                .resideInAPackage(apiPackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(corePackage + "..")
                .as("the change-unit API does not depend on the core");
    }

    /** No adapter uses another. */
    static ArchRule adaptersAreIndependent(String adapterPackage) {
        return slices().matching(adapterPackage + ".(*)..")
                .should()
                .notDependOnEachOther()
                .as("adapters do not depend on each other");
    }

    /**
     * No cycles between packages under {@code root}, except among the packages of {@code core}
     * (audit-core: {@code io.tidemark.core..} and {@code io.tidemark.spi..}), which count as one: its
     * three floors reference each other by design (the user API's exceptions name its reports and
     * the SPI's lease, the SPI's provider takes the user API's configuration, the engine returns the
     * user API's reports). Inside the core, {@link #noCyclesAmongInternals} checks the internals.
     */
    static ArchRule noPackageCycles(String root, String... core) {
        return slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        String name = javaClass.getPackageName();
                        if (!name.equals(root) && !name.startsWith(root + ".")) {
                            return SliceIdentifier.ignore();
                        }
                        for (String corePackage : core) {
                            if (name.equals(corePackage) || name.startsWith(corePackage + ".")) {
                                return SliceIdentifier.of("audit-core");
                            }
                        }
                        return SliceIdentifier.of(name);
                    }

                    @Override
                    public String getDescription() {
                        return "packages of " + root + ", those of " + String.join(" and ", core) + " as one";
                    }
                })
                .should()
                .beFreeOfCycles()
                .as("packages are free of cycles (audit-core counted as one)");
    }

    /** No cycles between the internal packages of the core ({@code internalPackage.*}). */
    static ArchRule noCyclesAmongInternals(String internalPackage) {
        return slices().matching(internalPackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .as("the core's internal packages are free of cycles");
    }

    /** Time comes from an injected clock, in library code: everything under {@code root} except {@code applications}. */
    static ArchRule noStaticClock(String root, String... applications) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackages(applications)
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .as("library code reads time from an injected java.time.Clock, never a static clock")
                .because("lease expiry and record timestamps must be testable without waiting");
    }

    /** Names explain themselves. */
    static ArchRule noVagueNames(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .should()
                .haveSimpleNameEndingWith("Helper")
                .orShould()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Util")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .as("no Helper, Manager or Util classes");
    }

    /** Libraries log through slf4j, never to the console. */
    static ArchRule noConsoleOutput(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .as("library code logs through slf4j, never System.out or System.err");
    }
}

package io.tidemark.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The architecture rules, written over package names so that the same rule is applied to the real
 * code base and, in {@link ArchitectureRulesCanFailTest}, to deliberately broken fixtures.
 */
final class ArchitectureRules {

    /** Packages of the database SDKs, which only their own adapter may use. */
    static final String[] SDK_PACKAGES = {"software.amazon..", "com.amazonaws..", "com.mongodb..", "org.bson..",
        "com.couchbase.."};

    private ArchitectureRules() {
    }

    /** What change units compile against depends on the JDK only. */
    static ArchRule apiDependsOnlyOnTheJdk(String apiPackage) {
        return classes().that().resideInAPackage(apiPackage + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", apiPackage + "..")
                .as("the change-unit API depends on java.* only")
                .because("change units must compile without the engine or any SDK on their class path");
    }

    /** The core sees neither an SDK nor an adapter nor the TCK. */
    static ArchRule coreSeesNoSdkNorAdapter(String corePackage, String adapterPackage, String tckPackage) {
        String[] forbidden = new String[SDK_PACKAGES.length + 2];
        System.arraycopy(SDK_PACKAGES, 0, forbidden, 0, SDK_PACKAGES.length);
        forbidden[SDK_PACKAGES.length] = adapterPackage + "..";
        forbidden[SDK_PACKAGES.length + 1] = tckPackage + "..";
        return noClasses().that().resideInAPackage(corePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .as("audit-core depends on no database SDK, no adapter and not on the TCK")
                .because("the audit store is chosen by configuration; the core must work with any adapter");
    }

    /** The API does not reach into the core either (it sits below it). */
    static ArchRule apiDoesNotUseCore(String apiPackage, String corePackage) {
        return noClasses().that().resideInAPackage(apiPackage + "..")
                .should().dependOnClassesThat().resideInAPackage(corePackage + "..")
                .as("the change-unit API does not depend on the core");
    }

    /** No adapter uses another. */
    static ArchRule adaptersAreIndependent(String adapterPackage) {
        return slices().matching(adapterPackage + ".(*)..").should().notDependOnEachOther()
                .as("adapters do not depend on each other");
    }

    /** No cycles between packages anywhere under {@code root}. */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles().as("packages are free of cycles");
    }

    /** Time comes from an injected clock, in library code: everything under {@code root} except {@code applications}. */
    static ArchRule noStaticClock(String root, String... applications) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(applications)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .as("library code reads time from an injected java.time.Clock, never a static clock")
                .because("lease expiry and record timestamps must be testable without waiting");
    }

    /** Names explain themselves. */
    static ArchRule noVagueNames(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().haveSimpleNameEndingWith("Helper").orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                .as("no Helper, Manager or Util classes");
    }

    /** Libraries log through slf4j, never to the console. */
    static ArchRule noConsoleOutput(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .as("library code logs through slf4j, never System.out or System.err");
    }
}

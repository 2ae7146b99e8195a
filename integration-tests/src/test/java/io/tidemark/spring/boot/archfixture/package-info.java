/**
 * Classes that break the architecture rules on purpose, in a package of the Spring Boot modules
 * ({@code io.tidemark.spring..}): {@code ArchitectureRulesCanFailTest} evaluates the rules exactly as
 * {@code ArchitectureTest} configures them on these classes, proving that the configuration covers the
 * Spring Boot modules. Test classes, so {@code ArchitectureTest} never imports them as production code.
 */
package io.tidemark.spring.boot.archfixture;

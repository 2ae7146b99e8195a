package io.tidemark.spring.boot.starter;

/**
 * The starter's name in code, and nothing more: the starter is a dependency, not an API, and brings its
 * behaviour through {@code tidemark-spring-boot-autoconfigure} (see the {@link io.tidemark.spring.boot.starter
 * package documentation} for what it pulls in and how to use it).
 *
 * <p>Why the type exists: the Javadoc tool documents a package only together with a public type, and
 * Maven Central takes a published jar only with its Javadoc jar. Nothing refers to this class, and an
 * application needs no reference to it.
 */
public final class TidemarkStarter {

    /** The starter's Maven coordinates without the version, as an application declares the dependency. */
    public static final String COORDINATES = "io.tidemark:tidemark-spring-boot-starter";

    private TidemarkStarter() {}
}

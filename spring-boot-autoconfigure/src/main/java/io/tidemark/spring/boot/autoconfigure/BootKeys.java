package io.tidemark.spring.boot.autoconfigure;

import io.tidemark.core.ConfigurationKeys;
import java.util.Set;

/**
 * The keys only the Spring Boot integration reads ({@value #ENABLED}, {@value #RUN_MODE},
 * {@value #SCAN_PACKAGES}), declared to the library's check for unknown keys (a
 * {@link ConfigurationKeys} service), so that a typing error in them is reported like any other.
 */
public final class BootKeys implements ConfigurationKeys {

    /** Whether Tidemark is set up at all: {@code false} creates no bean and sends no request to the store. */
    public static final String ENABLED = "tidemark.enabled";
    /** When the change units run: {@code application-runner}, {@code initializing-bean} or {@code deferred}. */
    public static final String RUN_MODE = "tidemark.run-mode";
    /** Packages whose change units run, instead of the application's own package. */
    public static final String SCAN_PACKAGES = "tidemark.scan-packages";

    private static final Set<String> KEYS = Set.of(ENABLED, RUN_MODE, SCAN_PACKAGES);

    /** The service {@link java.util.ServiceLoader} instantiates; it holds no state. */
    public BootKeys() {}

    @Override
    public Set<String> keys() {
        return KEYS;
    }
}

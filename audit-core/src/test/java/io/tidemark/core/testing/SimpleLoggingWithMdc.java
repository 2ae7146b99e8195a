package io.tidemark.core.testing;

import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;

/**
 * slf4j-simple with a working MDC, for the tests of this module: slf4j-simple's own MDC adapter
 * discards everything, so the MDC a change unit sees could not be checked. Chosen by the system
 * property {@code slf4j.provider} (set for the tests in this module's pom) and also registered in
 * {@code META-INF/services} of the test class path, so that a test run from an IDE finds it too.
 */
public class SimpleLoggingWithMdc extends SimpleServiceProvider {

    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }
}

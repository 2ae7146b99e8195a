package io.tidemark.spring.boot.autoconfigure;

import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * Runs the change units in {@link RunMode#APPLICATION_RUNNER} mode: first among the application's
 * runners (highest precedence), so that the application's own runners see the changes applied, and
 * before the application reports ready. A failure propagates, and Spring Boot stops the application.
 */
final class TidemarkRunner implements ApplicationRunner, Ordered {

    private static final Logger log = LoggerFactory.getLogger(TidemarkRunner.class);

    private final Tidemark tidemark;
    private final boolean active;

    /** A runner that runs {@code tidemark} when {@code active}, and otherwise does nothing. */
    TidemarkRunner(Tidemark tidemark, boolean active) {
        this.tidemark = tidemark;
        this.active = active;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (active) {
            run(tidemark);
        }
    }

    /** Runs {@code tidemark}; the engine logs the run's report. */
    static RunReport run(Tidemark tidemark) {
        log.debug("Running the change units of {}", tidemark);
        return tidemark.run();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

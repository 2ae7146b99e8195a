package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The levels the command line gives the libraries' loggers (slf4j-simple reads them from system
 * properties), with and without {@code --verbose}.
 */
class CliLoggingTest {

    private static final String REFUSED = "org.slf4j.simpleLogger.log." + CliLogging.REFUSED_AFTER_SHUTDOWN;
    private static final String COUCHBASE = "org.slf4j.simpleLogger.log.com.couchbase";

    @AfterEach
    void quietAsACommandWithoutVerboseLeavesIt() {
        CliLogging.configure(false);
    }

    @Test
    void withoutVerboseTheSdksAreQuietAndATaskRefusedAfterShutdownIsNotReportedAtAll() {
        CliLogging.configure(false);

        assertThat(System.getProperty(COUCHBASE)).isEqualTo("error");
        assertThat(System.getProperty(REFUSED))
                .as("the Couchbase SDK logs it at ERROR when it closes a cluster it could not reach")
                .isEqualTo("off");
    }

    @Test
    void withVerboseEverythingShowsInfoAndAbove() {
        CliLogging.configure(true);

        assertThat(System.getProperty(COUCHBASE)).isEqualTo("info");
        assertThat(System.getProperty(REFUSED)).isEqualTo("info");
    }
}

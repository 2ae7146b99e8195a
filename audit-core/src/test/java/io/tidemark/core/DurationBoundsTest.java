package io.tidemark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tidemark.core.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations too large to represent, or outside what a setting allows, are configuration errors. */
class DurationBoundsTest {

    private static TidemarkConfig config(String value) {
        return TidemarkConfig.of(ConfigSource.of("test file", Map.of("tidemark.lock.timeout", value)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "999999999999999999m",
                "99999999999999999999999s",
                "106751991167301d",
                "PT999999999999999999H",
                "9999999999999999h"
            })
    void aDurationThatOverflowsIsAConfigurationErrorNamingKeyAndValue(String value) {
        Throwable thrown = catchThrowable(() -> config(value).getDuration("tidemark.lock.timeout"));

        assertThat(thrown)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tidemark.lock.timeout")
                .hasMessageContaining(value)
                .hasMessageContaining("test file");
    }

    @Test
    void aDurationOutsideItsRangeNamesKeyValueAndRange() {
        Throwable thrown = catchThrowable(
                () -> config("48h").getDuration("tidemark.lock.timeout", Duration.ZERO, Duration.ofHours(24)));

        assertThat(thrown)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tidemark.lock.timeout = '48h'")
                .hasMessageContaining("from 0s to 24h");
    }

    @Test
    void aDurationInsideItsRangeIsReturned() {
        assertThat(config("90m").getDuration("tidemark.lock.timeout", Duration.ZERO, Duration.ofHours(24)))
                .contains(Duration.ofMinutes(90));
        assertThat(config("24h").getDuration("tidemark.lock.timeout", Duration.ZERO, Duration.ofHours(24)))
                .contains(Duration.ofHours(24));
    }
}

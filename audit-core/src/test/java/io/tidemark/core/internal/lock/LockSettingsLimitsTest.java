package io.tidemark.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lock timeouts and lease durations have bounds; values beyond them, including values too large to
 * represent, fail the build with a {@link ConfigurationException} naming the key, the value and the
 * allowed range, before anything is read or written.
 */
class LockSettingsLimitsTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryAuditStore store = new InMemoryAuditStore(clock);

    private TidemarkBuilder engine(Map<String, String> configuration) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of(ConfigSource.of("test properties", configuration)))
                .changeUnits(SampleChanges.CreateAccounts.class)
                .dependency(ChangeTarget.class, new ChangeTarget())
                .clock(clock)
                .sleeper(clock::advance);
    }

    @Test
    void aLockTimeoutTooLargeToRepresentFailsTheBuild() {
        Throwable thrown = catchThrowable(() ->
                engine(Map.of("tidemark.lock.timeout", "999999999999999999m")).build());

        assertThat(thrown)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tidemark.lock.timeout = '999999999999999999m'")
                .hasMessageContaining("from 0s to 24h");
        assertThat(store.requestCount()).isZero();
    }

    @Test
    void aLeaseDurationBeyondItsBoundFailsTheBuildNotTheRun() {
        Throwable thrown = catchThrowable(() -> engine(Map.of("tidemark.lock.lease-duration", "99999999999999999s"))
                .build());

        assertThat(thrown)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tidemark.lock.lease-duration = '99999999999999999s'")
                .hasMessageContaining("from 1ms to 1h");
        assertThat(store.requestCount()).isZero();
    }

    @Test
    void boundsApplyToSettingsMadeInCodeToo() {
        Throwable lease = catchThrowable(
                () -> engine(Map.of()).leaseDuration(Duration.ofDays(3)).build());
        Throwable timeout = catchThrowable(
                () -> engine(Map.of()).lockTimeout(Duration.ofDays(3)).build());

        assertThat(lease)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("lease duration")
                .hasMessageContaining("PT72H")
                .hasMessageContaining("from 1ms to 1h");
        assertThat(timeout)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("lock timeout")
                .hasMessageContaining("PT72H")
                .hasMessageContaining("from 0s to 24h");
    }

    @Test
    void theLargestAllowedValuesWork() {
        assertThat(engine(Map.of("tidemark.lock.lease-duration", "1h", "tidemark.lock.timeout", "24h"))
                        .build()
                        .run()
                        .applied())
                .hasSize(1);
    }
}

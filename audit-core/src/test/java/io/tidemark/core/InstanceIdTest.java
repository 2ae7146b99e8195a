package io.tidemark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.memory.InMemoryAuditStore;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The instance id names this instance in the lock and in every record it writes: a blank one, given in
 * code, is refused before anything is written, since two instances so named could not be told apart; in
 * configuration a blank value means unset.
 */
class InstanceIdTest {

    @ChangeUnit(id = "instance-id-change", order = "1")
    public static class OneChange {
        @Execution
        public void apply(ChangeContext context) {}
    }

    private final InMemoryAuditStore store = new InMemoryAuditStore(Clock.systemUTC());

    @ParameterizedTest(name = "instanceId(\"{0}\")")
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankInstanceIdInCodeFailsBuildAndWritesNothing(String blank) {
        TidemarkBuilder builder = Tidemark.builder()
                .auditStore(store)
                .changeUnits(OneChange.class)
                .instanceId(blank);

        assertThatThrownBy(builder::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("instance id (tidemark.instance-id) is blank")
                .hasMessageContaining("leave it unset for the default");
        assertThat(builder.validate().problems())
                .singleElement()
                .asString()
                .contains("instance id (tidemark.instance-id) is blank");
        assertThat(store.history().tip("default")).isEmpty();
    }

    /** In configuration a blank value counts as unset, as for every key (an empty environment variable). */
    @Test
    void aBlankInstanceIdInConfigurationMeansTheDefault() {
        Tidemark tidemark = Tidemark.builder()
                .auditStore(store)
                .changeUnits(OneChange.class)
                .configuration(TidemarkConfig.of(ConfigSource.of("test", Map.of("tidemark.instance-id", "  "))))
                .build();

        tidemark.run();

        assertThat(store.history().tip("default"))
                .get()
                .extracting(r -> r.instanceId())
                .asString()
                .matches(".+-" + ProcessHandle.current().pid() + "-[0-9a-f]{8}");
    }

    @Test
    void aNamedInstanceIdIsWrittenInTheRecords() {
        Tidemark tidemark = Tidemark.builder()
                .auditStore(store)
                .changeUnits(OneChange.class)
                .instanceId("orders-7")
                .build();

        tidemark.run();

        assertThat(store.history().tip("default"))
                .get()
                .extracting(r -> r.instanceId())
                .isEqualTo("orders-7");
    }
}

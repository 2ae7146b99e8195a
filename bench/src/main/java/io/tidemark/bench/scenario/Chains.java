package io.tidemark.bench.scenario;

import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditStore;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh chain names, and Tidemarks configured in code only (no system properties or environment). */
final class Chains {

    private Chains() {}

    /** A chain name no earlier repetition used: {@code prefix} plus a random part. */
    static String fresh(String prefix) {
        return prefix + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** A Tidemark over {@code store} running {@code changes} on {@code chain}, as instance {@code instanceId}. */
    static Tidemark tidemark(AuditStore store, String chain, Class<?>[] changes, String instanceId) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .changeUnits(changes)
                .instanceId(instanceId)
                .build();
    }
}

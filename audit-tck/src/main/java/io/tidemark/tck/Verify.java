package io.tidemark.tck;

import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditStore;

/** Verifies a chain through the public operator API, as users and the command line do. */
public final class Verify {

    private Verify() {}

    /**
     * The verification of {@code chain} in {@code store} ({@link OperatorApi#verify()}); the store stays open.
     *
     * @param store the store
     * @param chain the chain
     * @return the verification result
     */
    public static VerificationResult chain(AuditStore store, String chain) {
        try (OperatorApi operator = Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .buildOperator()) {
            return operator.verify();
        }
    }
}

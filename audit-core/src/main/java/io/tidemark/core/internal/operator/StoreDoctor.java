package io.tidemark.core.internal.operator;

import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Diagnosis;
import io.tidemark.spi.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Examines a store for an operator: the backend's own findings, then two generic checks through the
 * ports: reading the chain's tip, and taking and releasing a probe lock (which needs write access).
 * Failures become findings with a fix, never exceptions.
 */
final class StoreDoctor {

    private final AuditStore store;
    private final String chain;
    private final String instanceId;

    StoreDoctor(AuditStore store, String chain, String instanceId) {
        this.store = store;
        this.chain = chain;
        this.instanceId = instanceId;
    }

    List<Diagnosis> examine() {
        List<Diagnosis> findings = new ArrayList<>(store.diagnose());
        String where = store.describe();
        try {
            Optional<AuditRecord> tip = store.history().tip(chain);
            findings.add(Diagnosis.ok(
                    "read chain '" + chain + "'",
                    tip.map(t -> "tip at seq " + t.seq() + " (" + t.state() + " " + t.changeId() + ")")
                            .orElse("empty chain")));
        } catch (TidemarkException e) {
            findings.add(Diagnosis.problem("read chain '" + chain + "'", e.getMessage(), fixFor(e, where)));
        }
        String probeKey = chain + ".doctor-probe";
        try {
            Optional<Lease> probe =
                    store.lockService().tryAcquire(probeKey, instanceId + "/doctor", Duration.ofSeconds(30));
            probe.ifPresent(store.lockService()::release);
            findings.add(
                    probe.isPresent()
                            ? Diagnosis.ok("lock write", "took and released probe lock '" + probeKey + "'")
                            : Diagnosis.warning(
                                    "lock write",
                                    "probe lock '" + probeKey + "' is held by another doctor run",
                                    "run doctor again in 30 s"));
        } catch (TidemarkException e) {
            findings.add(Diagnosis.problem("lock write", e.getMessage(), fixFor(e, where)));
        }
        return findings;
    }

    private static String fixFor(TidemarkException e, String where) {
        return e.isTransient()
                ? "check that " + where + " is reachable from here (endpoint, network, credentials) and retry"
                : "fix the configuration as the message says";
    }
}

package io.tidemark.tck;

import io.tidemark.api.ChangeUnit;
import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.Map;

/** Leaves in a chain exactly what a process killed inside a change unit leaves: a {@code STARTED} record. */
public final class Crashes {

    private Crashes() {}

    /**
     * Appends a sealed {@code STARTED} record of {@code changeUnit} after the tip of {@code chain}.
     *
     * @param store      the store holding the chain
     * @param chain      the chain
     * @param changeUnit the change unit left running, annotated with {@code @ChangeUnit}
     * @param clock      the clock of the record's timestamp
     * @return the appended record
     */
    public static AuditRecord leaveStarted(AuditStore store, String chain, Class<?> changeUnit, Clock clock) {
        ChangeUnit unit = changeUnit.getAnnotation(ChangeUnit.class);
        AuditRecord tip = store.history().tip(chain).orElse(null);
        AuditRecord started = CanonicalEncoding.seal(AuditRecord.builder()
                .chain(chain)
                .seq(tip == null ? 1 : tip.seq() + 1)
                .executionId("crashed-run")
                .changeId(unit.id())
                .author(unit.author())
                .order(unit.order())
                .state(AuditState.STARTED)
                .timestamp(clock.instant())
                .host("crashed-host")
                .instanceId("crashed-host-999-dead")
                .className(changeUnit.getName())
                .methodName("apply")
                .metadata(Map.of())
                .previousHash(tip == null ? AuditRecord.GENESIS_HASH : tip.hash())
                .build());
        if (!(store.append(started) instanceof AppendResult.Appended)) {
            throw new AssertionError("could not append the simulated crash record at seq " + started.seq());
        }
        return started;
    }
}

package io.tidemark.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Tidemark costs the backend, counted at the client by the fixture's
 * {@link BackendFixture#openCountingStore counting store}; no time is measured, so these hold on any
 * machine:
 *
 * <ul>
 *   <li>a start with nothing to do, on a chain that ends with a checkpoint of the change set, makes
 *       one tip lookup (one read request; Couchbase: its hint and a probe) and reads one record,
 *       however long the chain: no lock request, no write, no table check;</li>
 *   <li>each applied change costs exactly 2 audit writes ({@code STARTED} and {@code APPLIED}) and no
 *       other request: a run of 7 changes from scratch sends 6 audit writes more than a run of 4, and
 *       not one request of another kind more.</li>
 * </ul>
 */
public abstract class RequestCountContract extends StoreContractSupport {

    private final MutableClock clock = MutableClock.atFixedStart();

    private Tidemark tidemark(AuditStore store, String chain, List<Class<?>> changes) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain(chain)
                .changeUnits(changes.toArray(Class<?>[]::new))
                .dependency(ChangeTarget.class, new ChangeTarget())
                .clock(clock)
                .sleeper(clock::advance)
                .build();
    }

    /**
     * A chain of {@code length} records whose last one is a checkpoint of the basic change set, as a
     * run that completed it leaves the chain, appended directly.
     */
    private String checkpointedChain(int length) {
        String chain = uniqueName("tck-idle-" + length);
        AuditStore store = openStore(clock);
        List<AuditRecord> records = new ArrayList<>(TestRecords.chain(chain, length - 1));
        AuditRecord last = records.get(records.size() - 1);
        String digest = tidemark(store, chain, SampleChanges.BASIC).changeSetDigest();
        records.add(CanonicalEncoding.seal(AuditRecord.builder()
                .chain(chain)
                .seq(length)
                .executionId("run-1")
                .state(AuditState.CHECKPOINT)
                .timestamp(last.timestamp().plusSeconds(1))
                .host("host-a")
                .instanceId("host-a-1")
                .metadata(Map.of(
                        AuditRecord.META_CHANGE_SET_DIGEST,
                        digest,
                        AuditRecord.META_CHANGE_COUNT,
                        Integer.toString(SampleChanges.BASIC.size())))
                .previousHash(last.hash())
                .build()));
        records.forEach(record -> assertThat(store.append(record)).isInstanceOf(AppendResult.Appended.class));
        return chain;
    }

    /** What a start of a fresh instance costs on {@code chain}: a new store, a new Tidemark. */
    private RequestCounts idleStart(CountingStore counting, String chain) {
        Tidemark tidemark = tidemark(counting.store(), chain, SampleChanges.BASIC);
        RequestCounts before = counting.counts();
        RunReport report = tidemark.run();
        RequestCounts used = counting.counts().minus(before);

        assertThat(report.nothingToDo()).isTrue();
        assertThat(report.lockAcquired()).isFalse();
        return used;
    }

    @Test
    void anIdleStartOnACheckpointedChainIsOneTipLookupWhateverTheLengthOfTheChain() {
        CountingStore first = openCountingStore(clock);
        RequestCounts shortChain = idleStart(first, checkpointedChain(10));
        RequestCounts longChain = idleStart(openCountingStore(clock), checkpointedChain(300));
        int tipLookup = first.tipLookupRequests();

        assertThat(shortChain)
                .as("an idle start on a chain of 10 records")
                .isEqualTo(new RequestCounts(tipLookup, 0, 0, 0, 1));
        assertThat(longChain).as("an idle start on a chain of 300 records").isEqualTo(shortChain);
    }

    /** What applying {@code changes} to an empty chain costs a fresh instance. */
    private RequestCounts applyFromScratch(List<Class<?>> changes) {
        CountingStore counting = openCountingStore(clock);
        Tidemark tidemark = tidemark(counting.store(), uniqueName("tck-apply-" + changes.size()), changes);
        RequestCounts before = counting.counts();
        RunReport report = tidemark.run();
        RequestCounts used = counting.counts().minus(before);

        assertThat(report.applied()).hasSize(changes.size());
        return used;
    }

    @Test
    void eachAppliedChangeCostsExactlyTwoAuditWritesAndNoOtherRequest() {
        List<Class<?>> more = new ArrayList<>(SampleChanges.BASIC);
        more.addAll(List.of(SampleChanges.WithRollback.class, SampleChanges.Retryable.class, SampleChanges.Last.class));
        openStore(clock); // tables, collections and indexes exist before either run, so both check the same

        RequestCounts four = applyFromScratch(SampleChanges.BASIC);
        RequestCounts seven = applyFromScratch(more);

        assertThat(seven.minus(four))
                .as("three changes more: %s, against %s", seven, four)
                .isEqualTo(new RequestCounts(0, 2 * 3, 0, 0, 0));
        assertThat(four.auditWrites())
                .as("at least STARTED and APPLIED per change, and a checkpoint")
                .isGreaterThanOrEqualTo(2 * 4 + 1);
    }
}

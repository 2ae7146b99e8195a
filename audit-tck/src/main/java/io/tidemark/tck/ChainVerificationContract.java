package io.tidemark.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeUnit;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.core.chain.ChainBreak;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.ChainBrokenException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verification of chains tampered with directly in the backend, and of records this version cannot
 * read. The tampering goes through the fixture's {@link RawRecords}: raw backend calls that bypass
 * the store's conditions.
 *
 * <p>What verification reports, on every backend: an edited record ({@code EDITED}), a deleted
 * record that has any record after it, the first and the one just past where a crashed run began
 * included ({@code MISSING}), reordered or forged records ({@code REORDERED}), and a record written
 * by a newer version ({@link VerificationResult.Unreadable}, not a break). Removing the newest
 * records is reported only by stores that remember where the chain ended
 * ({@link BackendFixture#remembersTheNewestRecord()}); elsewhere only a tip hash kept outside reveals it.
 */
public abstract class ChainVerificationContract extends StoreContractSupport {

    private AuditStore store;
    private String chain;
    private List<AuditRecord> records;

    @BeforeEach
    void writeAChain() {
        store = openStore(MutableClock.atFixedStart());
        chain = uniqueName("tck-verify");
        records = TestRecords.chain(chain, 5);
        records.forEach(store::append);
    }

    private VerificationResult verify() {
        return Verify.chain(store, chain);
    }

    @Test
    void anUntouchedChainIsIntact() {
        assertThat(verify())
                .isEqualTo(new VerificationResult.Intact(
                        chain, 5, 5, records.get(4).hash()));
    }

    @Test
    void anEditedFieldIsReportedAtItsSequence() {
        rawRecords()
                .overwrite(records.get(2).toBuilder().changeId("something-else").build());

        VerificationResult result = verify();

        assertThat(result).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(3);
            assertThat(broken.kind()).isEqualTo(ChainBreak.EDITED);
            assertThat(broken.recordsBefore()).isEqualTo(2);
        });
        ChainBrokenException thrown = catchThrowableOfType(ChainBrokenException.class, result::orThrow);
        assertThat(thrown.seq()).isEqualTo(3);
        assertThat(thrown.getMessage()).contains(chain, "seq 3", "EDITED");
    }

    @Test
    void anEditedMetadataValueIsReported() {
        rawRecords()
                .overwrite(records.get(3).toBuilder()
                        .metadata(java.util.Map.of("rows", "9999"))
                        .build());

        assertThat(verify())
                .isInstanceOfSatisfying(
                        VerificationResult.Broken.class,
                        broken -> assertThat(broken.seq()).isEqualTo(4));
    }

    @Test
    void aDeletedRecordIsReportedAsMissing() {
        rawRecords().delete(chain, 3);

        assertThat(verify()).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(3);
            assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
        });
    }

    @Test
    void aDeletedFirstRecordIsReportedAsMissing() {
        rawRecords().delete(chain, 1);

        assertThat(verify()).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(1);
            assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
        });
    }

    @Test
    void aForgedRecordWithAValidHashIsReportedAsReordered() {
        AuditRecord forged = CanonicalEncoding.seal(records.get(2).toBuilder()
                .changeId("forged")
                .previousHash(records.get(0).hash())
                .build());
        rawRecords().overwrite(forged);

        assertThat(verify()).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(3);
            assertThat(broken.kind()).isEqualTo(ChainBreak.REORDERED);
        });
    }

    @Test
    void swappedRecordsAreReportedAtTheFirstOfThem() {
        AuditRecord second = records.get(1);
        AuditRecord third = records.get(2);
        rawRecords().overwrite(CanonicalEncoding.seal(third.toBuilder().seq(2).build()));
        rawRecords().overwrite(CanonicalEncoding.seal(second.toBuilder().seq(3).build()));

        assertThat(verify()).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(2);
            assertThat(broken.kind()).isEqualTo(ChainBreak.REORDERED);
        });
    }

    @Test
    void removingTheNewestRecordIsReportedOrCaughtByComparingWithAKeptTipHash() {
        String keptTipHash = ((VerificationResult.Intact) verify()).tipHash();
        rawRecords().delete(chain, 5);

        VerificationResult result = verify();

        if (fixture().remembersTheNewestRecord()) {
            assertThat(result).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
                assertThat(broken.seq()).isEqualTo(5);
                assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
            });
        } else {
            assertThat(result.isIntact()).isTrue();
            assertThat(((VerificationResult.Intact) result).tipHash()).isNotEqualTo(keptTipHash);
            assertThat(((VerificationResult.Intact) result).tipSeq()).isEqualTo(4);
        }
    }

    @Test
    void aDeletedRecordInTheMiddleIsReportedAsMissing() {
        rawRecords().delete(chain, 4);

        assertThat(verify()).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(4);
            assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
            assertThat(broken.recordsBefore()).isEqualTo(3);
        });
    }

    /**
     * Appends, through {@code writer}, sealed records after {@code after} as a run that then died would
     * leave them: no record that ends a run, and no read of the chain in between.
     */
    private static List<AuditRecord> appendAsACrashedRun(
            AuditStore writer, AuditRecord after, List<Map.Entry<Class<?>, AuditState>> records) {
        List<AuditRecord> appended = new ArrayList<>();
        AuditRecord previous = after;
        for (Map.Entry<Class<?>, AuditState> entry : records) {
            ChangeUnit unit = entry.getKey().getAnnotation(ChangeUnit.class);
            AuditRecord record = CanonicalEncoding.seal(AuditRecord.builder()
                    .chain(after.chain())
                    .seq(previous.seq() + 1)
                    .executionId("crashed-run")
                    .changeId(unit.id())
                    .author(unit.author())
                    .order(unit.order())
                    .state(entry.getValue())
                    .timestamp(previous.timestamp().plusSeconds(1))
                    .host("crashed-host")
                    .instanceId("crashed-host-1-dead")
                    .className(entry.getKey().getName())
                    .methodName("apply")
                    .metadata(Map.of())
                    .previousHash(previous.hash())
                    .build());
            assertThat(writer.append(record)).isInstanceOf(AppendResult.Appended.class);
            appended.add(record);
            previous = record;
        }
        return appended;
    }

    private TidemarkBuilder engine(String on, ChangeTarget target, Clock clock, List<Class<?>> classes) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .chain(on)
                .changeUnits(classes.toArray(Class<?>[]::new))
                .dependency(ChangeTarget.class, target)
                .clock(clock)
                .sleeper(pause -> {});
    }

    @Test
    void aRecordDeletedAfterACrashedRunIsReportedAndNoChangeRunsTwice() {
        MutableClock clock = MutableClock.atFixedStart();
        String crashedChain = uniqueName("tck-crashed");
        ChangeTarget target = new ChangeTarget();
        engine(crashedChain, target, clock, SampleChanges.BASIC).build().run();
        AuditRecord checkpoint = store.history().tip(crashedChain).orElseThrow();
        AuditStore diedWhileRunning = createStore(clock);
        List<AuditRecord> crashedRun = appendAsACrashedRun(
                diedWhileRunning,
                checkpoint,
                List.of(
                        Map.entry(SampleChanges.Last.class, AuditState.STARTED),
                        Map.entry(SampleChanges.Last.class, AuditState.APPLIED),
                        Map.entry(SampleChanges.WithRollback.class, AuditState.STARTED)));
        long deleted = crashedRun.get(0).seq();

        rawRecords().delete(crashedChain, deleted);

        VerificationResult verification = Verify.chain(store, crashedChain);
        List<Class<?>> next = new ArrayList<>(SampleChanges.BASIC);
        next.addAll(List.of(SampleChanges.Last.class, SampleChanges.WithRollback.class));
        Throwable nextRun = catchThrowable(
                () -> engine(crashedChain, target, clock, next).build().run());

        assertThat(List.of(target.attempts("with-rollback"), target.attempts("last")))
                .as(
                        "runs of the changes the crashed run recorded after the deleted record (the next run ended with %s)",
                        String.valueOf(nextRun))
                .containsOnly(0);
        assertThat(verification).isInstanceOfSatisfying(VerificationResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(deleted);
            assertThat(broken.kind()).isEqualTo(ChainBreak.MISSING);
        });
        assertThat(nextRun)
                .isInstanceOfSatisfying(
                        IssuesPendingException.class,
                        issues -> assertThat(issues.issues())
                                .extracting(issue -> issue.changeId())
                                .containsExactly("with-rollback"));
        assertThat(store.history().readFrom(crashedChain, deleted + 1).toList())
                .containsExactlyElementsOf(crashedRun.subList(1, 3));
    }

    private static final String FUTURE_STATE = "PAUSED_BY_A_NEWER_VERSION";

    private static void assertNamesTheRecordAndSaysUpgrade(
            UnreadableRecordException unreadable, String chain, long seq) {
        assertThat(unreadable).isNotNull();
        assertThat(unreadable.chain()).isEqualTo(chain);
        assertThat(unreadable.seq()).isEqualTo(seq);
        assertThat(unreadable.field()).isEqualTo("state");
        assertThat(unreadable.value()).isEqualTo(FUTURE_STATE);
        assertThat(unreadable)
                .hasMessageContaining("Record seq " + seq + " of chain '" + chain + "'")
                .hasMessageContaining("state '" + FUTURE_STATE + "'")
                .hasMessageContaining("newer version of Tidemark")
                .hasMessageContaining("upgrade");
    }

    @Test
    void aRecordWithAStateFromANewerVersionIsReportedAsUnreadableNotAsTampering() {
        store.history().tip(chain); // the chain as a reader left it, before a newer version writes
        rawRecords().overwriteWithState(records.get(2), FUTURE_STATE);

        VerificationResult result = verify();

        assertThat(result).isInstanceOfSatisfying(VerificationResult.Unreadable.class, unreadable -> {
            assertThat(unreadable.seq()).isEqualTo(3);
            assertThat(unreadable.recordsBefore()).isEqualTo(2);
            assertNamesTheRecordAndSaysUpgrade(unreadable.problem(), chain, 3);
            assertThat(unreadable.describe()).contains("could not be verified from seq 3");
        });
        assertNamesTheRecordAndSaysUpgrade(
                catchThrowableOfType(UnreadableRecordException.class, result::orThrow), chain, 3);
    }

    @Test
    void readingARecordWithAStateFromANewerVersionThrowsTheSameExceptionEverywhere() {
        store.history().tip(chain); // the chain as a reader left it, before a newer version writes
        rawRecords().overwriteWithState(records.get(4), FUTURE_STATE);

        assertNamesTheRecordAndSaysUpgrade(
                catchThrowableOfType(
                        UnreadableRecordException.class, () -> store.history().tip(chain)),
                chain,
                5);
        assertNamesTheRecordAndSaysUpgrade(
                catchThrowableOfType(
                        UnreadableRecordException.class,
                        () -> store.history().readAll(chain).toList()),
                chain,
                5);
        assertThat(store.history().readAll(chain).limit(4).toList())
                .as("the records before it read as usual")
                .containsExactlyElementsOf(records.subList(0, 4));
    }
}

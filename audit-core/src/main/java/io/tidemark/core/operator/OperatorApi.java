package io.tidemark.core.operator;

import io.tidemark.core.PendingIssue;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.Diagnosis;
import io.tidemark.spi.Lease;
import io.tidemark.spi.MongockChangeLog;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What an operator needs to inspect and repair one audit chain: the history, the issues, manual
 * resolutions (appended as {@code MARKED_*} records under the lock, naming operator and reason),
 * chain verification, import, the lock's holder and a check of the store. Used by the command line
 * and by code.
 *
 * <p>Obtained from a {@link io.tidemark.core.Tidemark} ({@code tidemark.operator()}, aware of its
 * change units), or without any change unit from {@code Tidemark.builder()...buildOperator()}. Without
 * change units only changes present in the history can be marked, and every unfinished change counts
 * as an issue. Marks and imports take the chain's lock as a run does: same lock timeout, lease and
 * clock, from the builder and configuration.
 *
 * <p>Closing it closes the audit store when the operator API owns it (built by
 * {@code buildOperator()} with a store created from configuration); a store given to the builder,
 * or one a {@code Tidemark} owns, stays open. Thread-safe.
 */
public interface OperatorApi extends AutoCloseable {

    /** {@return the chain this API works on} */
    String chain();

    /** {@return the audit store this API works on} */
    AuditStore store();

    /** {@return the whole chain, oldest first; close the stream when done} */
    Stream<AuditRecord> history();

    /** {@return the record at the tip, if the chain has any} */
    Optional<AuditRecord> tip();

    /** {@return the chain at a glance: size, tip, applied changes, issues and the lock, from one read of the history} */
    ChainStatus status();

    /**
     * Changes whose latest record leaves them unfinished and that a run would not retry by itself,
     * in chain order. A change currently being run by a live instance also shows as {@code STARTED};
     * {@link io.tidemark.core.PendingIssue#isBeingAppliedUnder} with {@link #lockHolder()} tells it
     * apart (the command line, the Actuator endpoint and the health indicator list such a change as
     * running, not as an issue).
     *
     * @return the pending issues; empty when there are none
     */
    List<PendingIssue> issues();

    /**
     * Declares {@code changeId} applied: runs will skip it. Appends a {@code MARKED_APPLIED} record
     * under the lock; when the change is already applied, appends nothing and returns its latest record.
     *
     * @param changeId the change
     * @param operator who decides, recorded in the record
     * @param reason   why, recorded in the record
     * @return the appended record, or the latest one when the change was already applied
     * @throws io.tidemark.core.error.UnknownChangeException when neither the history nor the
     *     registered change units know it
     * @throws IllegalArgumentException when the operator's name or the reason is blank or too long
     *     (nothing is written, and the lock is not taken)
     */
    AuditRecord markApplied(String changeId, String operator, String reason);

    /**
     * Declares {@code changeId} undone: the next run runs it again. Appends a
     * {@code MARKED_ROLLED_BACK} record under the lock.
     *
     * @param changeId the change
     * @param operator who decides, recorded in the record
     * @param reason   why, recorded in the record
     * @return the appended record
     * @throws io.tidemark.core.error.UnknownChangeException when the history holds no record of it
     * @throws IllegalArgumentException when the operator's name or the reason is blank or too long
     */
    AuditRecord markRolledBack(String changeId, String operator, String reason);

    /**
     * Adopts Tidemark on a system that already has some of its changes (applied by hand, or by another
     * tool): declares every registered change unit up to and including {@code upToOrder} that has no
     * record yet applied, so that runs skip them and apply only the later ones. Appends one
     * {@code MARKED_APPLIED} record per such change (naming the operator and the reason, with
     * {@link AuditRecord#META_BASELINE} {@code = "true"}), all in one hold of the chain's lock; when
     * that leaves every registered change unit applied, a checkpoint follows, so that the next start
     * costs one read. Change units at or below the order that are already applied are left as they
     * are.
     *
     * <p>Refused, with nothing written, when any change unit at or below the order has a record other
     * than applied ({@code STARTED}, {@code FAILED}, {@code ROLLED_BACK}, ...: it ran, or was rolled
     * back, so declaring it applied would hide what happened; each is named), when nothing is left to
     * baseline (every change up to the order is applied already, for example by an earlier baseline),
     * and when no registered change unit has exactly that order (compared as orders are: {@code 1.02}
     * is {@code 1.2}), so that a mistyped order cannot baseline more than meant.
     *
     * @param upToOrder the order of the last change unit the system already has
     * @param operator  who decides; recorded
     * @param reason    why; recorded
     * @return what was appended
     * @throws io.tidemark.core.error.BaselineRefusedException as described above
     * @throws io.tidemark.core.error.ConfigurationException when this operator API knows no change units
     *     (build it from a {@code Tidemark}, or register change units before {@code buildOperator()})
     * @throws IllegalArgumentException when the order is malformed, or the operator's name or the
     *     reason is blank or too long (nothing is written, and the lock is not taken)
     */
    Baseline baseline(String upToOrder, String operator, String reason);

    /**
     * Verifies the whole chain in one streaming pass.
     *
     * @return intact, broken at the first sequence where it is, or unreadable from a record this version cannot read
     */
    VerificationResult verify();

    /** {@return the lease on this chain's lock as stored, possibly expired} */
    Optional<Lease> lockHolder();

    /**
     * Breaks the lock held under {@code observed}, for an instance that died holding it. Releases
     * only if {@code observed} (owner and token) is still the current holder, so a lock taken by
     * someone else in the meantime is left alone.
     *
     * @param observed the holder as an operator saw it, from {@link #lockHolder()}
     * @return whether the lock is free now
     */
    boolean releaseLock(Lease observed);

    /**
     * Imports a whole chain into this (empty) chain, keeping every hash: verifies all of the input
     * before writing anything, writes under the lock, and verifies the result. Used to move an audit
     * log between stores.
     *
     * @param source   the records to import, readable twice
     * @param progress told how far the import got, for a person waiting
     * @return the verification of the chain after the import
     * @throws io.tidemark.core.error.ChainBrokenException when the input is not an intact chain of this
     *     name (nothing is written)
     * @throws io.tidemark.core.error.ConfigurationException when this chain already has records
     * @throws io.tidemark.core.error.StoreUnavailableException when the store fails; if records were
     *     written before, the message says which, and that the chain must be deleted (or another target
     *     chosen) before importing again, since an import goes into an empty chain only
     */
    VerificationResult importChain(RecordSource source, ImportProgress progress);

    /**
     * Imports Mongock's change log into this chain, so that runs skip what Mongock executed: its change
     * units run unchanged under Tidemark, matched to Mongock's entries by change id. Every entry is read
     * and checked first; then, under the chain's lock, the chain is read and checked against them, and
     * only then are records appended, each carrying Mongock's execution id, author, timestamp, class,
     * method, host and duration in its metadata ({@code mongock.*}), and {@code operator} with a reason:
     *
     * <ul>
     *   <li>{@code EXECUTED} (or no state, as Mongock 3 and 4 wrote) becomes {@code MARKED_APPLIED};</li>
     *   <li>{@code FAILED} and {@code ROLLBACK_FAILED} become records of those states: issues that an
     *       operator resolves, as after a failed run;</li>
     *   <li>{@code ROLLED_BACK} becomes {@code ROLLED_BACK}: the change runs again;</li>
     *   <li>{@code IGNORED} entries and Mongock's system changes are skipped.</li>
     * </ul>
     *
     * <p>Entries are appended in Mongock's timestamp order. Importing again appends only entries that no
     * earlier import appended, and is refused when there are none.
     *
     * @param source   Mongock's change log, from {@code AuditStore.mongockChangeLog(name)} of the store that
     *                 holds it
     * @param operator who imports; recorded with every record
     * @return what was appended and skipped, and the chain's verification
     * @throws io.tidemark.core.error.ConfigurationException nothing written: the change log is missing,
     *     empty or holds only skipped entries, an entry is malformed (unknown state or type, no change id or
     *     timestamp, an execution id too long to record), one change id has
     *     several authors, a change id is recorded in this chain under another author or was run by Tidemark
     *     itself, or every entry was imported already. Every problem found is listed.
     * @throws io.tidemark.core.error.ChainBrokenException nothing written: this chain does not verify (checked
     *     under the lock, before anything is appended)
     * @throws IllegalArgumentException when the operator's name is blank or too long (nothing is read)
     */
    MongockImport importMongock(MongockChangeLog source, String operator);

    /**
     * Checks the store: the backend's own findings ({@link AuditStore#diagnose()}), then reading the
     * chain's tip and taking and releasing a probe lock (which needs write permission). Failures are
     * findings, never exceptions.
     *
     * @return every finding, in the order checked
     */
    List<Diagnosis> doctor();

    /** Closes the audit store if this API owns it (see the class description); otherwise does nothing. */
    @Override
    void close();
}

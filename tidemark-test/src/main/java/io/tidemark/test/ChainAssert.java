package io.tidemark.test;

import io.tidemark.api.Recovery;
import io.tidemark.core.ChangeUnitInfo;
import io.tidemark.core.PendingIssue;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Assertions on an audit chain as it is stored, from {@link TidemarkAssertions#assertThat(AuditChain)}:
 * it verifies, which changes it records as applied, the records of one change, the metadata a change
 * attached. Each assertion reads the chain afresh through the operator API.
 */
public final class ChainAssert {

    private final AuditChain chain;

    ChainAssert(AuditChain chain) {
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    /**
     * Asserts that the hash chain is intact from its first record to its tip.
     *
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when a record's hash does not match, or a record cannot be read; the
     *         message lists the chain
     */
    public ChainAssert verifies() {
        VerificationResult result = read(OperatorApi::verify);
        if (result instanceof VerificationResult.Broken broken) {
            throw Failures.failure(
                    "Expected " + chain + " to verify, but it is broken: " + broken.describe() + listing());
        }
        if (result instanceof VerificationResult.Unreadable unreadable) {
            throw Failures.failure(
                    "Expected " + chain + " to verify, but a record could not be read: " + unreadable.describe());
        }
        return this;
    }

    /**
     * Asserts that the chain records every one of these changes as applied: the latest record of each is
     * {@code APPLIED} or {@code MARKED_APPLIED}.
     *
     * @param changeIds the ids of the changes that must be applied
     * @return this assertion, for chaining
     * @throws IllegalArgumentException when no id is given, or a null or empty one
     * @throws org.opentest4j.AssertionFailedError naming the first change that is not applied and its latest state
     */
    public ChainAssert hasApplied(String... changeIds) {
        Failures.requireSomethingToCheck("hasApplied", "change id", changeIds, "whatever the chain holds");
        List<AuditRecord> records = history();
        for (String changeId : changeIds) {
            Optional<AuditRecord> latest = latestOf(records, changeId);
            if (latest.isEmpty() || !latest.get().state().meansApplied()) {
                throw Failures.failure("Expected " + chain + " to record change '" + changeId + "' as applied, but "
                        + latest.map(r -> "its latest record is " + r.state() + " at seq " + r.seq())
                                .orElse("it has no record of it")
                        + listing(records));
            }
        }
        return this;
    }

    /**
     * Asserts that the chain has no record of {@code changeId} at all, in any state.
     *
     * @param changeId the change's id
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when the chain holds a record of that change
     */
    public ChainAssert hasNoRecordOf(String changeId) {
        List<AuditRecord> records = history();
        if (latestOf(records, changeId).isPresent()) {
            throw Failures.failure("Expected " + chain + " to have no record of change '" + changeId + "', but it has"
                    + listing(records));
        }
        return this;
    }

    /**
     * Asserts that the records of {@code changeId}, oldest first, are in exactly these states.
     *
     * @param changeId the change's id
     * @param states   every state the change's records must have, oldest first; none for a change
     *                 the chain has no record of
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when the states differ, with both lists
     */
    public ChainAssert hasRecordsOf(String changeId, AuditState... states) {
        List<AuditRecord> records = history();
        List<AuditState> actual = records.stream()
                .filter(r -> changeId.equals(r.changeId()))
                .map(AuditRecord::state)
                .toList();
        List<AuditState> expected = Arrays.asList(states);
        if (!actual.equals(expected)) {
            throw Failures.failure(
                    "Expected the records of change '" + changeId + "' in " + chain + " to be " + expected
                            + ", but they are " + actual + listing(records),
                    expected,
                    actual);
        }
        return this;
    }

    /**
     * Asserts that the metadata of the latest {@code APPLIED} record of {@code changeId} holds {@code key}
     * with {@code value}: what the change attached with {@code ChangeContext.putMetadata}.
     *
     * @param changeId the change's id
     * @param key      the metadata key
     * @param value    the value the key must have
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when the change has no {@code APPLIED} record, or its latest one
     *         lacks the key or holds another value
     */
    public ChainAssert hasMetadata(String changeId, String key, String value) {
        List<AuditRecord> records = history();
        List<AuditRecord> ofChange =
                records.stream().filter(r -> changeId.equals(r.changeId())).toList();
        AuditRecord applied = ofChange.stream()
                .filter(r -> r.state() == AuditState.APPLIED)
                .reduce((first, second) -> second)
                .orElseThrow(() -> Failures.failure("Expected metadata " + key + "=" + value + " on change '" + changeId
                        + "', but " + chain + " has no APPLIED record of it"
                        + (ofChange.isEmpty()
                                ? " (nor any other record of it)"
                                : "; its records: "
                                        + ofChange.stream()
                                                .map(r -> r.state() + " at seq " + r.seq())
                                                .collect(Collectors.joining(", ")))
                        + listing(records)));
        Map<String, String> metadata = applied.metadata();
        if (!metadata.containsKey(key)) {
            throw Failures.failure("Expected the APPLIED record of change '" + changeId + "' (seq " + applied.seq()
                    + ") to hold metadata '" + key + "', but it does not; its metadata: " + userMetadata(metadata));
        }
        if (!metadata.get(key).equals(value)) {
            throw Failures.failure(
                    "Expected the APPLIED record of change '" + changeId + "' (seq " + applied.seq()
                            + ") to hold " + key + "=" + value + ", but it holds " + key + "=" + metadata.get(key)
                            + "; its metadata: " + userMetadata(metadata),
                    value,
                    metadata.get(key));
        }
        return this;
    }

    /**
     * Asserts that no change is left unfinished: there is no issue an operator would have to resolve.
     * A change with {@code recovery = RETRY} that the next run retries by itself is no issue when the
     * chain knows its change units ({@link TidemarkAssertions#chain(Tidemark)}); named by its store
     * alone ({@link TidemarkAssertions#chain(io.tidemark.spi.AuditStore)}), the chain counts every
     * unfinished change, as the operator API without change units does.
     *
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError listing every issue found
     */
    public ChainAssert hasNoIssues() {
        Set<String> retried = chain.changeUnits().stream()
                .filter(unit -> unit.recovery() == Recovery.RETRY)
                .map(ChangeUnitInfo::id)
                .collect(Collectors.toSet());
        List<PendingIssue> issues = read(OperatorApi::issues).stream()
                .filter(issue -> !retried.contains(issue.changeId()))
                .toList();
        if (!issues.isEmpty()) {
            throw Failures.failure(
                    "Expected " + chain + " to have no unfinished change, but it has " + issues.size() + ":"
                            + Failures.numbered(
                                    issues.stream().map(PendingIssue::describe).toList())
                            + (chain.changeUnits().isEmpty()
                                    ? System.lineSeparator() + "The chain is named by its store alone, so a change "
                                            + "with recovery = RETRY, which the next run retries, counts too; name it "
                                            + "with chain(tidemark) to count as a run does."
                                    : ""));
        }
        return this;
    }

    /**
     * Asserts that the chain holds exactly {@code count} records, checkpoints included.
     *
     * @param count the number of records expected
     * @return this assertion, for chaining
     * @throws org.opentest4j.AssertionFailedError when the chain holds another number of records
     */
    public ChainAssert hasRecordCount(long count) {
        List<AuditRecord> records = history();
        if (records.size() != count) {
            throw Failures.failure(
                    "Expected " + chain + " to hold " + count + " records, but it holds " + records.size()
                            + listing(records),
                    count,
                    (long) records.size());
        }
        return this;
    }

    /** {@return every record of the chain, oldest first, read afresh from the store} */
    public List<AuditRecord> records() {
        return history();
    }

    private List<AuditRecord> history() {
        return read(operator -> {
            try (Stream<AuditRecord> all = operator.history()) {
                return all.toList();
            }
        });
    }

    private <T> T read(Function<OperatorApi, T> query) {
        try (OperatorApi operator = Tidemark.builder()
                .auditStore(chain.store())
                .chain(chain.name())
                .configuration(TidemarkConfig.of())
                .buildOperator()) {
            return query.apply(operator);
        }
    }

    private static Optional<AuditRecord> latestOf(List<AuditRecord> records, String changeId) {
        return records.stream().filter(r -> changeId.equals(r.changeId())).reduce((first, second) -> second);
    }

    /** Metadata without the engine's own {@code tidemark.*} keys. */
    private static Map<String, String> userMetadata(Map<String, String> metadata) {
        return metadata.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("tidemark."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private String listing() {
        return listing(history());
    }

    /** The chain's records, one line each, for the end of a message. */
    private String listing(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return System.lineSeparator() + "The chain is empty.";
        }
        StringBuilder text = new StringBuilder(System.lineSeparator()).append("The chain:");
        for (AuditRecord record : records) {
            Map<String, String> metadata = userMetadata(record.metadata());
            text.append(System.lineSeparator())
                    .append(String.format(
                                    "  seq %-4d %-18s %s%s",
                                    record.seq(),
                                    record.state(),
                                    record.changeId(),
                                    metadata.isEmpty() ? "" : " " + metadata)
                            .stripTrailing());
        }
        return text.toString();
    }
}

package io.tidemark.tck.fuzz;

import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Many writers racing for sequences of one chain. */
public final class SequenceFuzzer {

    private SequenceFuzzer() {}

    /**
     * {@code threads} writers append different records at {@code seq}, together; returns the records that won.
     *
     * @param store        the store under test
     * @param chain        the chain
     * @param seq          the contended sequence
     * @param previousHash the hash the records link to
     * @param threads      how many writers race
     * @return the records appended (exactly one when the store is right)
     */
    public static List<AuditRecord> raceForOneSequence(
            AuditStore store, String chain, long seq, String previousHash, int threads) {
        List<Optional<AuditRecord>> outcomes = Race.run(
                Race.copies(threads, index -> {
                    AuditRecord mine = record(chain, seq, previousHash, "contended-" + index, "writer-" + index);
                    return store.append(mine) instanceof AppendResult.Appended ? Optional.of(mine) : Optional.empty();
                }),
                Duration.ofMinutes(1));
        return outcomes.stream().flatMap(Optional::stream).toList();
    }

    /**
     * {@code writers} writers each append {@code perWriter} records after whatever the tip is,
     * retrying on conflict, as engines without a lock would. Each record links to the tip it read, so
     * the result is a valid chain. Returns the records each writer got in, by writer.
     *
     * @param store     the store under test
     * @param chain     the chain
     * @param writers   how many writers race
     * @param perWriter how many records each appends
     * @return each writer's records, by writer
     */
    public static List<List<AuditRecord>> appendAfterTip(AuditStore store, String chain, int writers, int perWriter) {
        return Race.run(
                Race.copies(writers, index -> {
                    List<AuditRecord> mine = new ArrayList<>();
                    while (mine.size() < perWriter) {
                        Optional<AuditRecord> tip = store.history().tip(chain);
                        long seq = tip.map(AuditRecord::seq).orElse(0L) + 1;
                        String previous = tip.map(AuditRecord::hash).orElse(AuditRecord.GENESIS_HASH);
                        AuditRecord record = record(
                                chain, seq, previous, "writer-" + index + "-record-" + mine.size(), "writer-" + index);
                        if (store.append(record) instanceof AppendResult.Appended) {
                            mine.add(record);
                        }
                    }
                    return mine;
                }),
                Duration.ofMinutes(5));
    }

    private static AuditRecord record(String chain, long seq, String previousHash, String changeId, String writer) {
        return CanonicalEncoding.seal(AuditRecord.builder()
                .chain(chain)
                .seq(seq)
                .executionId(writer)
                .changeId(changeId)
                .author("fuzz")
                .order("1")
                .state(AuditState.APPLIED)
                .timestamp(Instant.parse("2026-03-01T09:00:00Z"))
                .host("fuzz-host")
                .instanceId(writer)
                .className("fuzz.Change")
                .methodName("apply")
                .metadata(Map.of("writer", writer))
                .previousHash(previousHash)
                .build());
    }
}

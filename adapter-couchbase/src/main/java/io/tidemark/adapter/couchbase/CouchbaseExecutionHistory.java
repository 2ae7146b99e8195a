package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.AsyncCollection;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.port.ExecutionHistory;
import io.tidemark.core.port.RecordPages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Reads chains by key only: no SQL++ and no index, so reads are strongly consistent (a key-value
 * get always sees the last acknowledged write) and work on a bare bucket.
 *
 * <p><b>tip(chain)</b>
 * <ol>
 *   <li>If this store left the chain's hint pending (see {@link TipHints}), write it first.</li>
 *   <li>Get the tip hint {@code <prefix>::<chain>::tip}. Its sequence {@code h} is known to exist
 *       (hints are written after their record); with no hint, {@code h = 0}.</li>
 *   <li>Gallop forward by key: get {@code h+1}, {@code h+2}, {@code h+4}, {@code h+8}, ... until a
 *       key is missing; then binary-search between the last present and the first missing key.
 *       Sequences are dense (every append takes the next free one), so this finds the highest.</li>
 *   <li>Return the last record found by probing, or, when {@code h+1} is already missing, the
 *       copy of record {@code h} kept in the hint. Happy path (the chain ends where a run ended,
 *       as after every completed run): two gets.</li>
 *   <li>If probing went past the hint (it lagged), repair the hint with a CAS replace, best effort.</li>
 * </ol>
 * The copy in the hint is the record exactly as its writer appended it. Records are never updated
 * through Tidemark, so it equals the stored record unless someone edited or deleted that document
 * directly in the database; {@link #readFrom} reads the record documents themselves, so
 * verification still sees such tampering.
 *
 * <p><b>readFrom(chain, from)</b>
 * <ol>
 *   <li>On the first pull of the stream, find the tip sequence {@code t} as above.</li>
 *   <li>Read keys {@code from..t} in batches of {@code pageSize} parallel gets (the async API), and
 *       return each batch's records in sequence order. Missing keys are skipped, not treated as the
 *       end: a deleted record then shows up in verification as a missing sequence. A batch in which
 *       every key is missing is followed by the next one, so a long gap does not end the stream.</li>
 * </ol>
 * The stream holds one batch at a time. Records appended after the stream found its tip are not
 * included; read again from the new position to see them.
 */
final class CouchbaseExecutionHistory implements ExecutionHistory {

    private final KeyValueAccess access;
    private final DocumentKeys keys;
    private final TipHints hints;
    private final int pageSize;

    CouchbaseExecutionHistory(KeyValueAccess access, TipHints hints) {
        this.access = access;
        this.keys = access.settings().keys();
        this.hints = hints;
        this.pageSize = access.settings().pageSize();
    }

    @Override
    public Optional<AuditRecord> tip(String chain) {
        hints.flush(chain);
        Optional<TipHints.Hint> hint = hints.read(chain);
        long present = hint.map(TipHints.Hint::seq).orElse(0L);
        AuditRecord presentRecord = hint.flatMap(TipHints.Hint::record).orElse(null);
        long missing = 0;
        long step = 1;
        while (missing == 0) {
            long candidate = present + step;
            Optional<AuditRecord> found = get(chain, candidate);
            if (found.isPresent()) {
                present = candidate;
                presentRecord = found.get();
                step = Math.min(step * 2, Long.MAX_VALUE - present);
                if (step == 0) {
                    break;
                }
            } else {
                missing = candidate;
            }
        }
        while (missing - present > 1) {
            long middle = present + (missing - present) / 2;
            Optional<AuditRecord> found = get(chain, middle);
            if (found.isPresent()) {
                present = middle;
                presentRecord = found.get();
            } else {
                missing = middle;
            }
        }
        if (presentRecord != null && present > hint.map(TipHints.Hint::seq).orElse(0L)) {
            hints.repair(chain, hint, presentRecord);
        }
        return Optional.ofNullable(presentRecord);
    }

    @Override
    public Stream<AuditRecord> readFrom(String chain, long fromSeq) {
        keys.requireUsable(chain);
        return RecordPages.stream(Math.max(fromSeq, 1), new BatchReader(chain));
    }

    /** Reads consecutive batches of keys up to the tip found on the first read. */
    private final class BatchReader implements RecordPages.PageReader {
        private final String chain;
        private long tipSeq = -1;
        private long scanned;

        BatchReader(String chain) {
            this.chain = chain;
        }

        @Override
        public RecordPages.Page read(long fromSeq) {
            if (tipSeq < 0) {
                tipSeq = tip(chain).map(AuditRecord::seq).orElse(0L);
            }
            long start = Math.max(fromSeq, scanned + 1);
            List<AuditRecord> records = List.of();
            while (records.isEmpty() && start <= tipSeq) {
                long end = Math.min(tipSeq, start + pageSize - 1);
                records = getAll(chain, start, end);
                scanned = end;
                start = end + 1;
            }
            return new RecordPages.Page(records, scanned < tipSeq);
        }
    }

    private Optional<AuditRecord> get(String chain, long seq) {
        String key = keys.record(chain, seq);
        return access.call("reading seq " + seq + " of chain '" + chain + "'", collection -> {
            try {
                return Optional.of(AuditRecordCodec.decode(key, seq, collection.get(key).contentAsObject()));
            } catch (DocumentNotFoundException absent) {
                return Optional.empty();
            }
        });
    }

    /** The records present at {@code from..to}, fetched in parallel, in sequence order. */
    private List<AuditRecord> getAll(String chain, long from, long to) {
        return access.call("reading seq " + from + " to " + to + " of chain '" + chain + "'", collection -> {
            AsyncCollection async = collection.async();
            List<CompletableFuture<Optional<AuditRecord>>> gets = new ArrayList<>();
            for (long seq = from; seq <= to; seq++) {
                long at = seq;
                String key = keys.record(chain, at);
                gets.add(async.get(key)
                        .thenApply(result -> Optional.of(AuditRecordCodec.decode(key, at, result.contentAsObject())))
                        .exceptionally(failure -> {
                            if (CouchbaseFailures.unwrap(failure) instanceof DocumentNotFoundException) {
                                return Optional.empty();
                            }
                            throw failure instanceof CompletionException completion ? completion
                                    : new CompletionException(failure);
                        }));
            }
            List<AuditRecord> records = new ArrayList<>(gets.size());
            for (CompletableFuture<Optional<AuditRecord>> get : gets) {
                get.join().ifPresent(records::add);
            }
            return records;
        });
    }
}

package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.AsyncCollection;
import com.couchbase.client.java.json.JsonObject;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.support.RecordPages;
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
 * verification still sees such tampering. Probing stops at the first missing key, so when a record
 * just past a lagging hint was deleted, {@code tip} returns the record before the gap; the engine
 * therefore plans from {@link #readFrom}, which does not stop there.
 *
 * <p><b>readFrom(chain, from)</b>
 * <ol>
 *   <li>On the first pull of the stream, find the tip sequence {@code t} as above (without decoding
 *       the tip record), and the hint's reservation {@code r}: no record has a higher sequence (see
 *       {@link TipHints}).</li>
 *   <li>Read keys {@code from..max(t, r)} in batches of {@code pageSize} parallel gets (the async
 *       API), and return each batch's records in sequence order. Missing keys are skipped, not treated
 *       as the end: a deleted record then shows up in verification as a missing sequence, and the
 *       records after it are returned even when probing stopped at it. A batch in which every key is
 *       missing is followed by the next one, so a long gap does not end the stream.</li>
 * </ol>
 * Reading a whole chain therefore costs the tip lookup plus one get per key up to the reservation
 * (at most {@value TipHints#RESERVATION} more than the records). The stream holds one batch at a
 * time. Records appended after the stream found its end are not included; read again from the new
 * position to see them. A record this version cannot decode ends the stream with
 * {@link io.tidemark.core.error.UnreadableRecordException} after the records before it.
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
        End end = locateEnd(chain);
        return end.record().map(found -> AuditRecordCodec.decode(keys.record(chain, end.seq()), end.seq(), found));
    }

    /**
     * Where {@code chain} ends by probing: the highest sequence found and its stored document (empty
     * for an empty chain), and the chain's reservation. Nothing is decoded, so that a record this
     * version cannot read does not hide the end of the chain.
     */
    private End locateEnd(String chain) {
        hints.flush(chain);
        Optional<TipHints.Hint> hint = hints.read(chain);
        long hinted = hint.map(TipHints.Hint::seq).orElse(0L);
        long present = hinted;
        Optional<JsonObject> presentRecord = hint.flatMap(TipHints.Hint::record);
        long missing = 0;
        long step = 1;
        while (missing == 0) {
            long candidate = present + step;
            Optional<JsonObject> found = get(chain, candidate);
            if (found.isPresent()) {
                present = candidate;
                presentRecord = found;
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
            Optional<JsonObject> found = get(chain, middle);
            if (found.isPresent()) {
                present = middle;
                presentRecord = found;
            } else {
                missing = middle;
            }
        }
        if (presentRecord.isPresent() && present > hinted) {
            hints.repair(chain, hint, present, presentRecord.get());
        }
        return new End(presentRecord.isPresent() ? present : 0, presentRecord, TipHints.reservedTo(hint));
    }

    /** The end of a chain as probing found it; see {@link #locateEnd}. */
    private record End(long seq, Optional<JsonObject> record, long reservedTo) {
    }

    @Override
    public Stream<AuditRecord> readFrom(String chain, long fromSeq) {
        return RecordPages.stream(Math.max(fromSeq, 1), new BatchReader(chain));
    }

    /** Reads consecutive batches of keys up to the end found on the first read: the tip or the reservation. */
    private final class BatchReader implements RecordPages.PageReader {
        private final String chain;
        private long lastSeq = -1;
        private long scanned;

        BatchReader(String chain) {
            this.chain = chain;
        }

        @Override
        public RecordPages.Page read(long fromSeq) {
            if (lastSeq < 0) {
                End end = locateEnd(chain);
                lastSeq = Math.max(end.seq(), end.reservedTo());
            }
            long start = Math.max(fromSeq, scanned + 1);
            while (start <= lastSeq) {
                long batchEnd = Math.min(lastSeq, start + pageSize - 1);
                List<Stored> stored = getAll(chain, start, batchEnd);
                scanned = batchEnd;
                start = batchEnd + 1;
                RecordPages.Page page = RecordPages.Page.decoded(stored,
                        found -> AuditRecordCodec.decode(found.key(), found.seq(), found.content()), scanned < lastSeq);
                if (!page.records().isEmpty() || page.unreadable().isPresent()) {
                    return page;
                }
            }
            return new RecordPages.Page(List.of(), false);
        }
    }

    /** A record document as fetched, not yet decoded. */
    private record Stored(String key, long seq, JsonObject content) {
    }

    /** The stored document at {@code seq} of {@code chain}, undecoded, if present. */
    private Optional<JsonObject> get(String chain, long seq) {
        String key = keys.record(chain, seq);
        return access.call("reading seq " + seq + " of chain '" + chain + "'", collection -> {
            try {
                return Optional.of(collection.get(key).contentAsObject());
            } catch (DocumentNotFoundException absent) {
                return Optional.empty();
            }
        });
    }

    /** The record documents present at {@code from..to}, fetched in parallel, in sequence order. */
    private List<Stored> getAll(String chain, long from, long to) {
        return access.call("reading seq " + from + " to " + to + " of chain '" + chain + "'", collection -> {
            AsyncCollection async = collection.async();
            List<CompletableFuture<Optional<Stored>>> gets = new ArrayList<>();
            for (long seq = from; seq <= to; seq++) {
                long at = seq;
                String key = keys.record(chain, at);
                gets.add(async.get(key)
                        .thenApply(result -> Optional.of(new Stored(key, at, result.contentAsObject())))
                        .exceptionally(failure -> {
                            if (CouchbaseFailures.unwrap(failure) instanceof DocumentNotFoundException) {
                                return Optional.empty();
                            }
                            throw failure instanceof CompletionException completion ? completion
                                    : new CompletionException(failure);
                        }));
            }
            List<Stored> stored = new ArrayList<>(gets.size());
            for (CompletableFuture<Optional<Stored>> get : gets) {
                get.join().ifPresent(stored::add);
            }
            return stored;
        });
    }
}

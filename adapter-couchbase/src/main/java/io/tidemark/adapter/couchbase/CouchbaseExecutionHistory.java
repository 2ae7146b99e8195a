package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.CasMismatchException;
import com.couchbase.client.core.error.DocumentExistsException;
import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.AsyncCollection;
import com.couchbase.client.java.json.JsonObject;
import com.couchbase.client.java.kv.GetResult;
import com.couchbase.client.java.kv.ReplaceOptions;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.support.RecordPages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads chains by key only: no SQL++ and no index, so reads are strongly consistent (a key-value
 * get always sees the last acknowledged write) and work on a bare bucket. It also keeps each chain's
 * <em>tip hint</em>, which makes finding the end of a chain cheap, and which the store consults and
 * moves around its appends.
 *
 * <p><b>The tip hint</b> of a chain is one document ({@code <prefix>::<chain>::tip}, see
 * {@link CouchbaseRecordCodec}): where the chain ended when last written, with a copy of that record,
 * and how far writers may have appended beyond it (the <em>reservation</em>).
 * <ul>
 *   <li><b>The lower bound</b> ({@code seq}, {@code record}) is a hint: written after the record it
 *       names, so it never names a sequence that was not appended, but it may lag (a writer died
 *       between its append and the hint update). Readers start probing there. It is written at once
 *       after a record that can end a run (the checkpoint after a successful run, a failure and its
 *       rollback, an operator's mark); the {@code STARTED} and {@code APPLIED} records of each change,
 *       which the same run always follows with another record, leave it <em>pending</em> in this
 *       store instance: a pending hint is written before this store reads the chain and when it
 *       closes. Failures to write it are logged and ignored: the append they follow has already
 *       succeeded.</li>
 *   <li><b>The upper bound</b> ({@code reservedTo}) is a promise: no record of the chain has a higher
 *       sequence. A writer raises it <em>before</em> appending beyond it, and that write is not best
 *       effort: if it fails, the append fails without writing anything. Every hint written after an
 *       append reserves the {@value #RESERVATION} sequences after it, so a run of up to
 *       {@value #RESERVATION} records (32 changes) after a completed run never needs to raise it: each
 *       applied change costs its two inserts and nothing more. The engine says before its first
 *       append how far its run may go ({@code AuditStore#prepareAppends}), so a longer run raises the
 *       reservation once, in one write for the whole run. A writer that did not say so (an append
 *       outside the engine) raises it as it goes, with a window twice the previous one (128, 256,
 *       512, ... sequences): about {@code log2(n / 64)} writes for {@code n} records. A chain without
 *       a hint document is reserved up to {@value #RESERVATION} from the start. The promise is what
 *       lets a reader find every record even when one just past a lagging hint was deleted: probing by
 *       key stops at the first missing key, but {@link #readFrom} reads every key up to the
 *       reservation, so the records after the gap are returned, and verification reports the gap.</li>
 * </ul>
 * Hints written by Tidemark versions without reservations have no {@code reservedTo}: their
 * reservation is their own sequence (nothing is promised beyond what probing finds). A former lock
 * holder that resumes after its lease was taken over can lower the reservation with its own
 * reservation write (its appends are then refused by the sequence fence); the next hint write of the
 * current holder raises it again.
 *
 * <p><b>tip(chain)</b>
 * <ol>
 *   <li>If this store left the chain's hint pending, write it first.</li>
 *   <li>Get the tip hint. Its sequence {@code h} is known to exist (hints are written after their
 *       record); with no hint, {@code h = 0}.</li>
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
 *       the tip record), and the hint's reservation {@code r}: no record has a higher sequence.</li>
 *   <li>Read keys {@code from..max(t, r)} in batches of {@code pageSize} parallel gets (the async
 *       API), and return each batch's records in sequence order. Missing keys are skipped, not treated
 *       as the end: a deleted record then shows up in verification as a missing sequence, and the
 *       records after it are returned even when probing stopped at it. A batch in which every key is
 *       missing is followed by the next one, so a long gap does not end the stream.</li>
 * </ol>
 * Reading a whole chain therefore costs the tip lookup plus one get per key up to the reservation
 * (at most {@value #RESERVATION} more than the records). The stream holds one batch at a time. It
 * reflects every record appended before it was opened; records appended after it found its end on
 * its first pull are not included (read again from the new position to see them), and it never skips
 * nor repeats a sequence it passes. A record this version cannot decode ends the stream with
 * {@link io.tidemark.core.error.UnreadableRecordException} after the records before it.
 */
final class CouchbaseExecutionHistory implements ExecutionHistory {

    private static final Logger log = LoggerFactory.getLogger(CouchbaseExecutionHistory.class);

    /** How many records past a hint's sequence every hint write reserves. */
    static final long RESERVATION = 64;

    private final CouchbaseRequests requests;
    private final CouchbaseRecordCodec codec;
    private final int pageSize;
    private final TipHints hints = new TipHints();

    CouchbaseExecutionHistory(CouchbaseRequests requests, CouchbaseRecordCodec codec) {
        this.requests = requests;
        this.codec = codec;
        this.pageSize = requests.settings().pageSize();
    }

    @Override
    public Optional<AuditRecord> tip(String chain) {
        End end = locateEnd(chain);
        return end.document(this, chain).map(found -> codec.decode(chain, end.seq(), found));
    }

    @Override
    public Stream<AuditRecord> readFrom(String chain, long fromSeq) {
        return RecordPages.stream(Math.max(fromSeq, 1), new BatchReader(chain));
    }

    // ---- what the store tells the history about its appends

    /**
     * Makes sure the chain's reservation covers {@code record} before it is appended, raising it if
     * needed. Every chain is reserved up to at least {@value #RESERVATION}, so lower sequences need
     * no check; beyond, the hint is read first if this store has not seen it. Not best effort: when
     * the reservation cannot be written, nothing may be appended.
     *
     * @throws StoreUnavailableException (or another Tidemark exception) when the hint cannot be read or written
     */
    void reserveFor(AuditRecord record) {
        hints.reserveFor(record);
    }

    /**
     * Raises the chain's reservation to {@code lastSeq} at least, in one hint write, when it is lower:
     * for a writer that knows how far it will append (see {@code AuditStore#prepareAppends}). Not best
     * effort, like {@link #reserveFor}.
     */
    void reserveThrough(String chain, long lastSeq) {
        hints.reserveThrough(chain, lastSeq);
    }

    /**
     * Takes note that {@code record} was appended: writes the hint now if the record can end a run,
     * else leaves it pending (see the class description).
     */
    void appended(AuditRecord record) {
        hints.appended(record);
    }

    /** Writes every pending hint. Best effort. */
    void flushAll() {
        hints.flushAll();
    }

    // ---- reading

    /**
     * Where {@code chain} ends by probing: the highest sequence found and its stored document (none
     * for an empty chain), and the chain's reservation. Nothing is decoded, so that a record this
     * version cannot read does not hide the end of the chain.
     */
    private End locateEnd(String chain) {
        hints.flush(chain);
        Optional<CouchbaseRecordCodec.Hint> hint = hints.read(chain);
        long hinted = hint.map(CouchbaseRecordCodec.Hint::seq).orElse(0L);
        long present = hinted;
        Optional<GetResult> probed = Optional.empty();
        long missing = 0;
        long step = 1;
        while (missing == 0) {
            long candidate = present + step;
            Optional<GetResult> found = get(chain, candidate);
            if (found.isPresent()) {
                present = candidate;
                probed = found;
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
            Optional<GetResult> found = get(chain, middle);
            if (found.isPresent()) {
                present = middle;
                probed = found;
            } else {
                missing = middle;
            }
        }
        End end = new End(present, hint.flatMap(CouchbaseRecordCodec.Hint::record), probed, TipHints.reservedTo(hint));
        if (probed.isPresent()) {
            hints.repair(chain, hint, present, probed.get());
        }
        return end;
    }

    /**
     * The end of a chain as probing found it (see {@link #locateEnd}): its sequence (0 for an empty
     * chain), the record there as the hint keeps a copy of it or as probing read it (the latter when
     * probing went past the hint), and the reservation.
     */
    private record End(long seq, Optional<JsonObject> hintCopy, Optional<GetResult> probed, long reservedTo) {

        /** The stored document of the last record, undecoded; empty for an empty chain. */
        Optional<JsonObject> document(CouchbaseExecutionHistory history, String chain) {
            return probed.map(result -> history.codec.recordDocument(chain, seq, result))
                    .or(() -> hintCopy);
        }
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
                RecordPages.Page page = RecordPages.Page.decoded(
                        stored,
                        found -> codec.decode(
                                chain, found.seq(), codec.recordDocument(chain, found.seq(), found.result())),
                        scanned < lastSeq);
                if (!page.records().isEmpty() || page.unreadable().isPresent()) {
                    return page;
                }
            }
            return new RecordPages.Page(List.of(), false);
        }
    }

    /** A record document as fetched, not yet decoded. */
    private record Stored(long seq, GetResult result) {}

    /** The stored document at {@code seq} of {@code chain}, undecoded, if present. */
    private Optional<GetResult> get(String chain, long seq) {
        String key = codec.recordKey(chain, seq);
        return requests.kv("reading seq " + seq + " of chain '" + chain + "'", collection -> {
            try {
                return Optional.of(collection.get(key));
            } catch (DocumentNotFoundException absent) {
                return Optional.empty();
            }
        });
    }

    /** The record documents present at {@code from..to}, fetched in parallel, in sequence order. */
    private List<Stored> getAll(String chain, long from, long to) {
        return requests.kv("reading seq " + from + " to " + to + " of chain '" + chain + "'", collection -> {
            AsyncCollection async = collection.async();
            List<CompletableFuture<Optional<Stored>>> gets = new ArrayList<>();
            for (long seq = from; seq <= to; seq++) {
                long at = seq;
                gets.add(async.get(codec.recordKey(chain, at))
                        .thenApply(result -> Optional.of(new Stored(at, result)))
                        .exceptionally(failure -> {
                            if (CouchbaseFailures.unwrap(failure) instanceof DocumentNotFoundException) {
                                return Optional.empty();
                            }
                            throw failure instanceof CompletionException completion
                                    ? completion
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

    /**
     * The tip hints as this store knows them: per chain the hint last read or written, and the newest
     * record appended whose hint is not written yet (see the class description).
     */
    private final class TipHints {

        /** What this store last knew of a chain's hint: its sequence and raw copy (when known) and reservation. */
        private record Known(long seq, Optional<JsonObject> record, long reservedTo) {}

        /** Per chain, the newest record this store appended whose hint is not written yet. */
        private final ConcurrentMap<String, AuditRecord> pending = new ConcurrentHashMap<>();
        /** Per chain, the hint as this store last read or wrote it. */
        private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();

        /** The hint of {@code chain}, or empty when there is none; remembered for later appends. */
        Optional<CouchbaseRecordCodec.Hint> read(String chain) {
            String key = codec.tipHintKey(chain);
            Optional<GetResult> found = requests.kv("reading the tip hint of chain '" + chain + "'", collection -> {
                try {
                    return Optional.of(collection.get(key));
                } catch (DocumentNotFoundException absent) {
                    return Optional.empty();
                }
            });
            Optional<CouchbaseRecordCodec.Hint> hint =
                    found.map(result -> CouchbaseRecordCodec.decodeHint(key, result));
            known.put(
                    chain,
                    hint.map(h -> new Known(h.seq(), h.record(), h.reservedTo()))
                            .orElse(new Known(0, Optional.empty(), RESERVATION)));
            return hint;
        }

        /** The reservation of {@code hint} as readers must take it: a chain without a hint is reserved up to {@value #RESERVATION}. */
        static long reservedTo(Optional<CouchbaseRecordCodec.Hint> hint) {
            return hint.map(CouchbaseRecordCodec.Hint::reservedTo).orElse(RESERVATION);
        }

        void reserveFor(AuditRecord record) {
            String chain = record.chain();
            Known now = known.get(chain);
            if (now == null) {
                if (record.seq() <= RESERVATION) {
                    return;
                }
                read(chain);
                now = known.get(chain);
            }
            if (record.seq() <= now.reservedTo()) {
                return;
            }
            long window = Math.max(RESERVATION, 2 * (now.reservedTo() - now.seq()));
            raise(chain, now, record.seq() - 1 + window);
        }

        void reserveThrough(String chain, long lastSeq) {
            Known now = known.get(chain);
            if (now == null) {
                if (lastSeq <= RESERVATION) {
                    return;
                }
                read(chain);
                now = known.get(chain);
            }
            if (lastSeq > now.reservedTo()) {
                raise(chain, now, lastSeq);
            }
        }

        /** Writes the hint of {@code chain} with its reservation raised to {@code target}; not best effort. */
        private void raise(String chain, Known now, long target) {
            AuditRecord waiting = pending.get(chain);
            long seq;
            Optional<JsonObject> copy;
            if (waiting != null && waiting.seq() >= now.seq()) {
                seq = waiting.seq();
                copy = Optional.of(CouchbaseRecordCodec.encode(waiting));
            } else {
                seq = now.seq();
                copy = now.record();
            }
            long reservedTo = Math.max(now.reservedTo(), target);
            String key = codec.tipHintKey(chain);
            requests.kv(
                    "reserving sequences up to " + reservedTo + " of chain '" + chain + "' in its tip hint",
                    collection ->
                            collection.upsert(key, CouchbaseRecordCodec.encodeHint(chain, seq, copy, reservedTo)));
            known.put(chain, new Known(seq, copy, reservedTo));
            if (waiting != null && waiting.seq() == seq) {
                pending.remove(chain, waiting);
            }
            log.debug("Reserved sequences up to {} of chain '{}'", reservedTo, chain);
        }

        void appended(AuditRecord record) {
            if (endsARun(record)) {
                pending.computeIfPresent(
                        record.chain(), (chain, waiting) -> waiting.seq() <= record.seq() ? null : waiting);
                advance(record, true);
            } else {
                pending.merge(record.chain(), record, (held, next) -> held.seq() >= next.seq() ? held : next);
            }
        }

        /** Writes the pending hint of {@code chain}, if this store left one. Best effort. */
        void flush(String chain) {
            AuditRecord waiting = pending.remove(chain);
            if (waiting != null) {
                advance(waiting, false);
            }
        }

        void flushAll() {
            for (String chain : List.copyOf(pending.keySet())) {
                flush(chain);
            }
        }

        /** Every state but {@code STARTED} and {@code APPLIED}, which the same run always follows with another record. */
        private static boolean endsARun(AuditRecord record) {
            return record.state() != AuditState.STARTED && record.state() != AuditState.APPLIED;
        }

        /**
         * Moves the hint of {@code record.chain()} to {@code record}, after it was appended, reserving the
         * {@value #RESERVATION} sequences after it. After a record that ends a run ({@code closing}), the
         * writer appends at most one more record, so the reservation is set to exactly that and a larger
         * one made for the run is given back; after any other record it is only ever raised. Best effort.
         */
        private void advance(AuditRecord record, boolean closing) {
            String chain = record.chain();
            String key = codec.tipHintKey(chain);
            long reservedTo = closing
                    ? record.seq() + RESERVATION
                    : Math.max(
                            record.seq() + RESERVATION,
                            Optional.ofNullable(known.get(chain))
                                    .map(Known::reservedTo)
                                    .orElse(RESERVATION));
            Optional<JsonObject> copy = Optional.of(CouchbaseRecordCodec.encode(record));
            try {
                requests.kv(
                        "updating the tip hint of chain '" + chain + "'",
                        collection -> collection.upsert(
                                key, CouchbaseRecordCodec.encodeHint(chain, record.seq(), copy, reservedTo)));
                known.put(chain, new Known(record.seq(), copy, reservedTo));
            } catch (TidemarkException e) {
                log.debug(
                        "Could not update tip hint {} to seq {}; readers will probe past it: {}",
                        key,
                        record.seq(),
                        e.getMessage());
            }
        }

        /**
         * Moves a lagging hint to {@code seq}, found by probing, with {@code stored} (the record's document)
         * as its copy, only if nobody changed the hint since {@code seen} was read (a CAS replace, or an
         * insert when there was none), so that a repair never moves a hint backwards. The reservation is
         * kept. Best effort: a record document that is not a JSON object is not copied, and the hint is
         * left as it is.
         */
        void repair(String chain, Optional<CouchbaseRecordCodec.Hint> seen, long seq, GetResult stored) {
            String key = codec.tipHintKey(chain);
            JsonObject record;
            try {
                record = codec.recordDocument(chain, seq, stored);
            } catch (UnreadableRecordException unreadable) {
                log.debug("Tip hint {} not repaired: record {} is not a JSON object", key, seq);
                return;
            }
            long reservedTo = Math.max(seq, reservedTo(seen));
            try {
                requests.kv("repairing the tip hint of chain '" + chain + "'", collection -> {
                    try {
                        JsonObject hint = CouchbaseRecordCodec.encodeHint(chain, seq, Optional.of(record), reservedTo);
                        if (seen.isPresent()) {
                            collection.replace(
                                    key,
                                    hint,
                                    ReplaceOptions.replaceOptions()
                                            .cas(seen.get().cas()));
                        } else {
                            collection.insert(key, hint);
                        }
                    } catch (CasMismatchException | DocumentExistsException | DocumentNotFoundException changed) {
                        log.debug("Tip hint {} changed while being repaired; left as is", key);
                    }
                    return null;
                });
            } catch (TidemarkException e) {
                log.debug("Could not repair tip hint {}: {}", key, e.getMessage());
            }
        }
    }
}

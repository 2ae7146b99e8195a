package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.CasMismatchException;
import com.couchbase.client.core.error.DocumentExistsException;
import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.json.JsonObject;
import com.couchbase.client.java.kv.GetResult;
import com.couchbase.client.java.kv.ReplaceOptions;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tip-hint document of each chain: where the chain ended when last written, with a copy of
 * that record so that finding the tip costs the hint read plus one missed probe, and how far
 * writers may have appended beyond it (the <em>reservation</em>).
 *
 * <pre>
 * key  tidemark::orders::tip
 * {
 *   "tidemark": "tip-hint",
 *   "chain": "orders",
 *   "seq": 42,
 *   "record": { ...the audit record document of seq 42, field for field... },
 *   "reservedTo": 106
 * }
 * </pre>
 *
 * <p><b>The lower bound</b> ({@code seq}, {@code record}) is a hint: written after the record it
 * names, so it never names a sequence that was not appended, but it may lag (a writer died between
 * its append and the hint update). Readers start probing there. It is written at once after a
 * record that can end a run (the checkpoint after a successful run, a failure and its rollback, an
 * operator's mark); the {@code STARTED} and {@code APPLIED} records of each change, which the same
 * run always follows with another record, leave it <em>pending</em> in this store instance: a pending
 * hint is written before this store reads the chain ({@link #flush}) and when it closes. Failures to
 * write it are logged and ignored: the append they follow has already succeeded.
 *
 * <p><b>The upper bound</b> ({@code reservedTo}) is a promise: no record of the chain has a higher
 * sequence. A writer raises it <em>before</em> appending beyond it, and that write is not best
 * effort: if it fails, the append fails without writing anything. Every hint written after an
 * append reserves the {@value #RESERVATION} sequences after it, so a run of up to
 * {@value #RESERVATION} records (32 changes) after a completed run never needs to raise it: each
 * applied change costs its two inserts and nothing more. The engine says before its first append
 * how far its run may go ({@code AuditStore#prepareAppends}), so a longer run raises the
 * reservation once, in one write for the whole run. A writer that did not say so (an append outside
 * the engine) raises it as it goes, with a window twice the previous one (128, 256, 512, ...
 * sequences): about {@code log2(n / 64)} writes for {@code n} records. A chain without a hint
 * document is reserved up to {@value #RESERVATION} from the start. The promise is what lets a reader find every record even
 * when one just past a lagging hint was deleted: probing by key stops at the first missing key, but
 * {@link CouchbaseExecutionHistory#readFrom} reads every key up to the reservation, so the records
 * after the gap are returned, and verification reports the gap.
 *
 * <p>Hints written by Tidemark versions without reservations have no {@code reservedTo}: their
 * reservation is their own sequence (nothing is promised beyond what probing finds). A former lock
 * holder that resumes after its lease was taken over can lower the reservation with its own
 * reservation write (its appends are then refused by the sequence fence); the next hint write of the
 * current holder raises it again.
 */
final class TipHints {

    private static final Logger log = LoggerFactory.getLogger(TipHints.class);
    static final String HINT_TYPE = "tip-hint";
    /** How many records past a hint's sequence every hint write reserves. */
    static final long RESERVATION = 64;

    /**
     * A hint as read: the sequence and the raw copy of its record (0 and empty when the document
     * exists but does not name a record), the reservation, and the document's CAS for a later repair.
     */
    record Hint(long seq, Optional<JsonObject> record, long reservedTo, long cas) {
    }

    /** What this store last knew of a chain's hint: its sequence and raw copy (when known) and reservation. */
    private record Known(long seq, Optional<JsonObject> record, long reservedTo) {
    }

    private final KeyValueAccess access;
    private final DocumentKeys keys;
    /** Per chain, the newest record this store appended whose hint is not written yet. */
    private final ConcurrentMap<String, AuditRecord> pending = new ConcurrentHashMap<>();
    /** Per chain, the hint as this store last read or wrote it. */
    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();

    TipHints(KeyValueAccess access) {
        this.access = access;
        this.keys = access.settings().keys();
    }

    /** The hint of {@code chain}, or empty when there is none; remembered for later appends. */
    Optional<Hint> read(String chain) {
        String key = keys.tipHint(chain);
        Optional<GetResult> found = access.call("reading the tip hint of chain '" + chain + "'", collection -> {
            try {
                return Optional.of(collection.get(key));
            } catch (DocumentNotFoundException absent) {
                return Optional.empty();
            }
        });
        Optional<Hint> hint = found.map(result -> decode(key, result));
        known.put(chain, hint.map(h -> new Known(h.seq(), h.record(), h.reservedTo()))
                .orElse(new Known(0, Optional.empty(), RESERVATION)));
        return hint;
    }

    /** The reservation of {@code hint} as readers must take it: a chain without a hint is reserved up to {@value #RESERVATION}. */
    static long reservedTo(Optional<Hint> hint) {
        return hint.map(Hint::reservedTo).orElse(RESERVATION);
    }

    /**
     * Makes sure the chain's reservation covers {@code record} before it is appended, raising it if
     * needed. Every chain is reserved up to at least {@value #RESERVATION}, so lower sequences need
     * no check; beyond, the hint is read first if this store has not seen it. Not best effort: when
     * the reservation cannot be written, nothing may be appended.
     *
     * @throws StoreUnavailableException (or another Tidemark exception) when the hint cannot be read or written
     */
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

    /** Writes the hint of {@code chain} with its reservation raised to {@code target}; not best effort. */
    private void raise(String chain, Known now, long target) {
        AuditRecord waiting = pending.get(chain);
        long seq;
        Optional<JsonObject> copy;
        if (waiting != null && waiting.seq() >= now.seq()) {
            seq = waiting.seq();
            copy = Optional.of(AuditRecordCodec.encode(waiting));
        } else {
            seq = now.seq();
            copy = now.record();
        }
        long reservedTo = Math.max(now.reservedTo(), target);
        String key = keys.tipHint(chain);
        access.call("reserving sequences up to " + reservedTo + " of chain '" + chain + "' in its tip hint",
                collection -> collection.upsert(key, encode(chain, seq, copy, reservedTo)));
        known.put(chain, new Known(seq, copy, reservedTo));
        if (waiting != null && waiting.seq() == seq) {
            pending.remove(chain, waiting);
        }
        log.debug("Reserved sequences up to {} of chain '{}'", reservedTo, chain);
    }

    /**
     * Raises the chain's reservation to {@code lastSeq} at least, in one hint write, when it is lower:
     * for a writer that knows how far it will append (see {@code AuditStore#prepareAppends}). Not best
     * effort, like {@link #reserveFor}.
     */
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

    /**
     * Takes note that {@code record} was appended: writes the hint now if the record can end a run,
     * else leaves it pending (see the class description).
     */
    void appended(AuditRecord record) {
        if (endsARun(record)) {
            pending.computeIfPresent(record.chain(), (chain, waiting) -> waiting.seq() <= record.seq() ? null : waiting);
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

    /** Writes every pending hint. Best effort. */
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
        String key = keys.tipHint(chain);
        long reservedTo = closing ? record.seq() + RESERVATION : Math.max(record.seq() + RESERVATION,
                Optional.ofNullable(known.get(chain)).map(Known::reservedTo).orElse(RESERVATION));
        Optional<JsonObject> copy = Optional.of(AuditRecordCodec.encode(record));
        try {
            access.call("updating the tip hint of chain '" + chain + "'",
                    collection -> collection.upsert(key, encode(chain, record.seq(), copy, reservedTo)));
            known.put(chain, new Known(record.seq(), copy, reservedTo));
        } catch (TidemarkException e) {
            log.debug("Could not update tip hint {} to seq {}; readers will probe past it: {}", key, record.seq(),
                    e.getMessage());
        }
    }

    /**
     * Moves a lagging hint to {@code seq}, found by probing, with {@code record} (the stored document)
     * as its copy, only if nobody changed the hint since {@code seen} was read (a CAS replace, or an
     * insert when there was none), so that a repair never moves a hint backwards. The reservation is
     * kept. Best effort.
     */
    void repair(String chain, Optional<Hint> seen, long seq, JsonObject record) {
        String key = keys.tipHint(chain);
        long reservedTo = Math.max(seq, reservedTo(seen));
        try {
            access.call("repairing the tip hint of chain '" + chain + "'", collection -> {
                try {
                    JsonObject hint = encode(chain, seq, Optional.of(record), reservedTo);
                    if (seen.isPresent()) {
                        collection.replace(key, hint, ReplaceOptions.replaceOptions().cas(seen.get().cas()));
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

    private static JsonObject encode(String chain, long seq, Optional<JsonObject> record, long reservedTo) {
        JsonObject hint = JsonObject.create()
                .put(AuditRecordCodec.TYPE_FIELD, HINT_TYPE)
                .put("chain", chain)
                .put("seq", seq)
                .put("reservedTo", reservedTo);
        record.ifPresent(copy -> hint.put("record", copy));
        return hint;
    }

    private static Hint decode(String key, GetResult result) {
        try {
            JsonObject document = result.contentAsObject();
            Object seq = document.get("seq");
            Object record = document.get("record");
            long hinted = seq instanceof Number number ? Math.max(0, number.longValue()) : 0;
            Optional<JsonObject> copy = hinted > 0 && record instanceof JsonObject object ? Optional.of(object)
                    : Optional.empty();
            if (copy.isEmpty()) {
                hinted = 0;
            }
            long reservedTo = document.get("reservedTo") instanceof Number number ? number.longValue() : hinted;
            return new Hint(hinted, copy, Math.max(hinted, reservedTo), result.cas());
        } catch (RuntimeException unreadable) {
            log.debug("Tip hint {} is unreadable, probing from the start of the chain: {}", key, unreadable.toString());
            return new Hint(0, Optional.empty(), 0, result.cas());
        }
    }
}

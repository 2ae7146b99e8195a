package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.CasMismatchException;
import com.couchbase.client.core.error.DocumentExistsException;
import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.json.JsonObject;
import com.couchbase.client.java.kv.GetResult;
import com.couchbase.client.java.kv.ReplaceOptions;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.AuditState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tip-hint document of each chain: where the chain ended when last written, with a copy of
 * that record so that finding the tip costs the hint read plus one missed probe.
 *
 * <pre>
 * key  tidemark::orders::tip
 * {
 *   "tidemark": "tip-hint",
 *   "chain": "orders",
 *   "seq": 42,
 *   "record": { ...the audit record document of seq 42, field for field... }
 * }
 * </pre>
 *
 * <p>A hint is a hint: it is written after the record it names, best effort and without
 * durability, so it may lag (a writer died between its append and the hint update, or two writers
 * without the lock wrote their hints out of order) but it never names a sequence that was not
 * appended. Readers trust it only as a starting point for probing. Failures to write it are logged
 * and ignored: the append they follow has already succeeded.
 *
 * <p>When the hint is written: at once after a record that can end a run (the checkpoint after a
 * successful run, a failure and its rollback, an operator's mark); the {@code STARTED} and
 * {@code APPLIED} records of each change, which the same run always follows with another record,
 * only leave the hint <em>pending</em> in this store instance, superseded by the next append. A
 * pending hint is written before this store reads the chain ({@link #flush}) and when it closes.
 * So an applied change costs its two inserts and nothing more, a completed run leaves the hint on
 * its checkpoint (a start with nothing to do: two gets), and a chain written without run-ending
 * records, as in tests, is hinted as soon as its writer reads it. Readers elsewhere see the hint
 * lag by the records of a run still in progress, or of one that died before its closing record;
 * the next tip lookup gallops over them (about 2 log2(lag) gets) and repairs it. In that window,
 * and only there, a record deleted directly in the bucket hides the records of that run after it,
 * as deleting the newest records of a chain would.
 */
final class TipHints {

    private static final Logger log = LoggerFactory.getLogger(TipHints.class);
    static final String HINT_TYPE = "tip-hint";

    /**
     * A hint as read: the sequence and the copy of its record (0 and empty when the document exists
     * but cannot be read as a hint), and the document's CAS for a later repair.
     */
    record Hint(long seq, Optional<AuditRecord> record, long cas) {
    }

    private final KeyValueAccess access;
    private final DocumentKeys keys;
    /** Per chain, the newest record this store appended whose hint is not written yet. */
    private final ConcurrentMap<String, AuditRecord> pending = new ConcurrentHashMap<>();

    TipHints(KeyValueAccess access) {
        this.access = access;
        this.keys = access.settings().keys();
    }

    /** The hint of {@code chain}, or empty when there is none. */
    Optional<Hint> read(String chain) {
        String key = keys.tipHint(chain);
        Optional<GetResult> found = access.call("reading the tip hint of chain '" + chain + "'", collection -> {
            try {
                return Optional.of(collection.get(key));
            } catch (DocumentNotFoundException absent) {
                return Optional.empty();
            }
        });
        return found.flatMap(result -> decode(chain, key, result));
    }

    /**
     * Takes note that {@code record} was appended: writes the hint now if the record can end a run,
     * else leaves it pending (see the class description).
     */
    void appended(AuditRecord record) {
        if (endsARun(record)) {
            pending.computeIfPresent(record.chain(), (chain, waiting) -> waiting.seq() <= record.seq() ? null : waiting);
            advance(record);
        } else {
            pending.merge(record.chain(), record, (held, next) -> held.seq() >= next.seq() ? held : next);
        }
    }

    /** Writes the pending hint of {@code chain}, if this store left one. Best effort. */
    void flush(String chain) {
        AuditRecord waiting = pending.remove(chain);
        if (waiting != null) {
            advance(waiting);
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

    /** Moves the hint of {@code record.chain()} to {@code record}, after it was appended. Best effort. */
    private void advance(AuditRecord record) {
        String key = keys.tipHint(record.chain());
        try {
            access.call("updating the tip hint of chain '" + record.chain() + "'",
                    collection -> collection.upsert(key, encode(record)));
        } catch (TidemarkException e) {
            log.debug("Could not update tip hint {} to seq {}; readers will probe past it: {}", key, record.seq(),
                    e.getMessage());
        }
    }

    /**
     * Moves a lagging hint to {@code tip}, found by probing, only if nobody changed the hint since
     * {@code seen} was read (a CAS replace, or an insert when there was none), so that a repair never
     * moves a hint backwards. Best effort.
     */
    void repair(String chain, Optional<Hint> seen, AuditRecord tip) {
        String key = keys.tipHint(chain);
        try {
            access.call("repairing the tip hint of chain '" + chain + "'", collection -> {
                try {
                    if (seen.isPresent()) {
                        collection.replace(key, encode(tip), ReplaceOptions.replaceOptions().cas(seen.get().cas()));
                    } else {
                        collection.insert(key, encode(tip));
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

    private static JsonObject encode(AuditRecord record) {
        return JsonObject.create()
                .put(AuditRecordCodec.TYPE_FIELD, HINT_TYPE)
                .put("chain", record.chain())
                .put("seq", record.seq())
                .put("record", AuditRecordCodec.encode(record));
    }

    private Optional<Hint> decode(String chain, String key, GetResult result) {
        try {
            JsonObject document = result.contentAsObject();
            Object seq = document.get("seq");
            Object record = document.get("record");
            if (seq instanceof Number number && number.longValue() > 0 && record instanceof JsonObject copy) {
                long hinted = number.longValue();
                return Optional.of(new Hint(hinted,
                        Optional.of(AuditRecordCodec.decode(keys.record(chain, hinted), hinted, copy)), result.cas()));
            }
        } catch (RuntimeException unreadable) {
            log.debug("Tip hint {} is unreadable: {}", key, unreadable.toString());
        }
        log.debug("Tip hint {} is not a hint; probing from the start of the chain", key);
        return Optional.of(new Hint(0, Optional.empty(), result.cas()));
    }
}

package io.tidemark.adapter.couchbase;

import io.tidemark.core.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The document keys of one store, all under one prefix:
 * <ul>
 *   <li>audit record: {@code <prefix>::<chain>::<seq>}, the sequence zero-padded to 19 digits (the
 *       width of {@link Long#MAX_VALUE}) so that keys sort like sequences in any listing;</li>
 *   <li>tip hint of a chain: {@code <prefix>::<chain>::tip};</li>
 *   <li>lock: {@code <prefix>::lock::<lock key>}.</li>
 * </ul>
 *
 * <p>Chain names and the prefix contain only letters, digits, {@code .}, {@code -} and {@code _},
 * so the {@code ::} separators are unambiguous. The prefix is checked here; chain names are checked
 * by the core before any store sees them (at most 100 such characters, and never {@code lock}, whose
 * record and hint keys would share the lock namespace: a lock named {@code tip} would be the hint
 * document of a chain named {@code lock}).
 */
final class DocumentKeys {

    /** The part of lock keys where a chain name would be; the core never accepts it as a chain name. */
    private static final String LOCKS = "lock";

    /** Couchbase refuses longer keys. */
    static final int MAX_KEY_BYTES = 250;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final int MAX_PREFIX_LENGTH = 50;
    private static final String SEPARATOR = "::";

    private final String prefix;

    DocumentKeys(String prefix) {
        if (prefix.length() > MAX_PREFIX_LENGTH || !NAME.matcher(prefix).matches()) {
            throw new ConfigurationException("Invalid Couchbase key prefix '" + prefix + "': use 1 to "
                    + MAX_PREFIX_LENGTH + " letters, digits, '.', '-' or '_' (default 'tidemark')");
        }
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    /** The key of the record at {@code seq} of {@code chain}. */
    String record(String chain, long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + seq);
        }
        return chainPart(chain) + String.format("%019d", seq);
    }

    /** The key of {@code chain}'s tip-hint document. */
    String tipHint(String chain) {
        return chainPart(chain) + "tip";
    }

    /** The key of the lock document for {@code lockKey}. */
    String lock(String lockKey) {
        if (lockKey.isEmpty()) {
            throw new IllegalArgumentException("lock key must not be empty");
        }
        String key = prefix + SEPARATOR + LOCKS + SEPARATOR + lockKey;
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("lock key '" + lockKey + "' is too long: the document key "
                    + "would exceed Couchbase's " + MAX_KEY_BYTES + " bytes; use a shorter key");
        }
        return key;
    }

    private String chainPart(String chain) {
        return prefix + SEPARATOR + chain + SEPARATOR;
    }
}

package io.tidemark.core.internal.loading;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The validated change units of one engine, in order, and a digest of their ids. A checkpoint
 * record holding the same digest proves that every one of them was applied.
 *
 * @param changes the change units sorted by {@link VersionOrder}
 * @param digest  SHA-256 over the sorted ids (each as {@code <utf-8 length>:<id>\n}), lower-case hex
 */
public record ChangeSet(List<ChangeDefinition> changes, String digest) {

    public ChangeSet {
        changes = List.copyOf(changes);
    }

    /** No change units: what an operator API built without any knows. */
    public static ChangeSet none() {
        return of(List.of());
    }

    /** Whether it holds no change unit. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    static ChangeSet of(List<ChangeDefinition> sortedChanges) {
        return new ChangeSet(
                sortedChanges,
                digestOf(sortedChanges.stream().map(ChangeDefinition::id).toList()));
    }

    static String digestOf(List<String> ids) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            ids.stream().sorted().forEach(id -> {
                byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
                sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha256.update(bytes);
                sha256.update((byte) '\n');
            });
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}

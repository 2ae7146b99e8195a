package io.tidemark.core.internal.config;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@code tidemark.*} keys in a configuration that no part of Tidemark reads, each with the
 * nearest known key, so that a typing error ({@code tidemark.dynamodb.endpont}) is not silently
 * ignored.
 *
 * <p>Rules:
 * <ol>
 *   <li>Only sources that can list their names take part ({@link ConfigSource#names()}): system
 *       properties, environment variables, {@code tidemark.properties} and properties files.</li>
 *   <li>A name is Tidemark's when its {@linkplain ConfigSource#environmentName(String) normalised
 *       form} (upper case, {@code .} and {@code -} as {@code _}) starts with {@code TIDEMARK_}: so
 *       {@code Tidemark.Store} in a properties file is checked too.</li>
 *   <li>It is known when it is spelled exactly as its source spells a known key (the property form
 *       in property sources, the variable name in the environment), or starts with a known prefix
 *       so spelled. Anything else is unknown, including {@code tidemark.dynamodb.auto_create} in a
 *       properties file, which nothing would read.</li>
 *   <li>The nearest known key is the one with the smallest Levenshtein distance between normalised
 *       forms (the first in alphabetical order among equals); it is suggested only when close
 *       enough: at most {@value #CLOSE_EDITS} edits, or at most a third of the length of the name
 *       after {@code tidemark.}.</li>
 *   <li>A name under the keys of an adapter Tidemark ships ({@code tidemark.mongodb.*}) while no
 *       known key is (that adapter is not on the class path) gets no suggestion: the message names
 *       the artifact to add instead, since another adapter's key a few edits away
 *       ({@code tidemark.dynamodb.auto-create} for {@code tidemark.mongodb.auto-create}) is never
 *       what was meant.</li>
 * </ol>
 */
public final class UnknownKeys {

    /** Edits always close enough to suggest a key. */
    static final int CLOSE_EDITS = 3;

    private static final String PREFIX = "TIDEMARK_";
    private static final String PROPERTY_PREFIX = "tidemark.";
    private static final Logger log = LoggerFactory.getLogger(UnknownKeys.class);

    private UnknownKeys() {}

    /**
     * One unknown key.
     *
     * @param name       the name as its source spells it
     * @param source     where it was found, as messages name it ("system property", "config file a.properties")
     * @param suggestion the nearest known key as its source would spell it, with the property form in
     *                   parentheses where that differs; empty when no known key is close, or when
     *                   {@code absentAdapter} is present
     * @param absentAdapter the store Tidemark ships whose keys the name is under ({@code mongodb} for
     *                   {@code tidemark.mongodb.*}) when that adapter is not on the class path
     */
    public record UnknownKey(String name, String source, Optional<String> suggestion, Optional<String> absentAdapter) {

        /** A key that no adapter Tidemark ships would read either. */
        public UnknownKey(String name, String source, Optional<String> suggestion) {
            this(name, source, suggestion, Optional.empty());
        }

        /** For a warning: the key, its source, the suggestion or the artifact, and that the key has no effect. */
        public String describe() {
            return text(", so it has no effect.", "; without it the key has no effect.");
        }

        /** For an error: the key, its source, the suggestion or the artifact, and what to do. */
        public String refusal() {
            return text(": correct or remove it.", ", or remove the key.");
        }

        private String text(String consequence, String otherwise) {
            String head = "Unknown configuration key " + name + " (" + source + "): ";
            return absentAdapter
                    .map(store -> head + "it is under " + PROPERTY_PREFIX + store + ".*, the keys of the " + store
                            + " adapter, which is not on the class path: add "
                            + StoreResolver.artifactOf(store).orElseThrow()
                            + " (version from io.tidemark:tidemark-bom) to use it" + otherwise)
                    .orElseGet(() -> head
                            + suggestion
                                    .map(key -> "did you mean " + key + "? No part")
                                    .orElse("no part")
                            + " of Tidemark reads it" + consequence);
        }
    }

    /** Every unknown key in {@code config}, source by source, in the order of the sources, then by name. */
    public static List<UnknownKey> find(TidemarkConfig config, KnownKeys known) {
        List<UnknownKey> unknown = new ArrayList<>();
        for (ConfigSource source : config.sources()) {
            for (String name : new TreeSet<>(source.names().get())) {
                if (isTidemarks(name) && !isKnown(name, source, known)) {
                    Optional<String> absentAdapter = absentAdapter(name, known);
                    unknown.add(new UnknownKey(
                            name,
                            source.name(),
                            absentAdapter.isPresent() ? Optional.empty() : nearest(name, source, known),
                            absentAdapter));
                }
            }
        }
        return unknown;
    }

    /**
     * Logs a WARN for each unknown key in {@code config}, or, when {@code reject}, throws one
     * {@link ConfigurationException} naming them all (for programs that read nothing but Tidemark's
     * keys, such as the command line).
     */
    public static void check(TidemarkConfig config, KnownKeys known, boolean reject) {
        List<UnknownKey> unknown = find(config, known);
        if (unknown.isEmpty()) {
            return;
        }
        if (reject) {
            throw new ConfigurationException(
                    unknown.stream().map(UnknownKey::refusal).toList());
        }
        unknown.forEach(key -> log.warn("{}", key.describe()));
    }

    private static boolean isTidemarks(String name) {
        return ConfigSource.environmentName(name).startsWith(PREFIX);
    }

    private static boolean isKnown(String name, ConfigSource source, KnownKeys known) {
        return known.keys().stream()
                        .anyMatch(key -> name.equals(source.keyForm().apply(key)))
                || known.prefixes().stream()
                        .anyMatch(prefix -> name.startsWith(source.keyForm().apply(prefix)));
    }

    /**
     * The store Tidemark ships whose keys {@code name} is under ({@code tidemark.mongodb.*}) when no
     * known key is: that adapter is not on the class path, and the fix is its artifact, not another
     * adapter's key a few edits away.
     */
    private static Optional<String> absentAdapter(String name, KnownKeys known) {
        String normalised = ConfigSource.environmentName(name);
        for (String store : StoreResolver.shippedStores()) {
            String prefix = ConfigSource.environmentName(PROPERTY_PREFIX + store + ".");
            if (normalised.startsWith(prefix)
                    && known.keys().stream()
                            .noneMatch(key -> ConfigSource.environmentName(key).startsWith(prefix))) {
                return Optional.of(store);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nearest(String name, ConfigSource source, KnownKeys known) {
        String normalised = ConfigSource.environmentName(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : known.sorted()) {
            int distance = distance(normalised, ConfigSource.environmentName(key));
            if (distance < bestDistance) {
                best = key;
                bestDistance = distance;
            }
        }
        int length = normalised.length() - PREFIX.length();
        if (best == null || bestDistance > CLOSE_EDITS && bestDistance * 3 > length) {
            return Optional.empty();
        }
        String spelled = source.keyForm().apply(best);
        return Optional.of(spelled.equals(best) ? best : spelled + " (" + best + ")");
    }

    /** The Levenshtein distance: the fewest insertions, deletions and substitutions turning {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

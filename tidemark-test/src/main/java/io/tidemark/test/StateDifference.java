package io.tidemark.test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Says, for a person, how two snapshots of a {@link StateProbe} differ: for maps, the keys only one
 * holds and the values that differ; for collections, the elements only one holds (counting
 * repeats), or that only the order differs; for anything else, both values.
 */
final class StateDifference {

    /** Entries listed at most per kind of difference. */
    private static final int MAX_ENTRIES = 20;
    /** Characters shown of one value at most. */
    private static final int MAX_VALUE_LENGTH = 300;

    private StateDifference() {}

    /**
     * The lines describing how {@code actual} differs from {@code expected}, each starting with
     * {@code "- "}.
     *
     * @param expectedLabel when {@code expected} was seen ("before it was applied")
     * @param actualLabel   when {@code actual} was seen ("after its rollback")
     */
    static List<String> describe(Object expected, Object actual, String expectedLabel, String actualLabel) {
        List<String> lines = new ArrayList<>();
        if (expected instanceof Map<?, ?> before && actual instanceof Map<?, ?> after) {
            List<String> onlyAfter = new ArrayList<>();
            List<String> onlyBefore = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            after.forEach((key, value) -> {
                if (!before.containsKey(key)) {
                    onlyAfter.add(show(key) + "=" + show(value));
                } else if (!Objects.equals(before.get(key), value)) {
                    changed.add(show(key) + ": " + expectedLabel + " " + show(before.get(key)) + ", " + actualLabel
                            + " " + show(value));
                }
            });
            before.forEach((key, value) -> {
                if (!after.containsKey(key)) {
                    onlyBefore.add(show(key) + "=" + show(value));
                }
            });
            add(lines, "present " + actualLabel + " but not " + expectedLabel, onlyAfter);
            add(lines, "present " + expectedLabel + " but not " + actualLabel, onlyBefore);
            add(lines, "different", changed);
        } else if (expected instanceof Collection<?> before && actual instanceof Collection<?> after) {
            Map<Object, Integer> counts = new LinkedHashMap<>();
            after.forEach(element -> counts.merge(element, 1, Integer::sum));
            before.forEach(element -> counts.merge(element, -1, Integer::sum));
            List<String> onlyAfter = new ArrayList<>();
            List<String> onlyBefore = new ArrayList<>();
            counts.forEach((element, count) -> {
                for (int i = 0; i < Math.abs(count); i++) {
                    (count > 0 ? onlyAfter : onlyBefore).add(show(element));
                }
            });
            add(lines, "present " + actualLabel + " but not " + expectedLabel, onlyAfter);
            add(lines, "present " + expectedLabel + " but not " + actualLabel, onlyBefore);
            if (lines.isEmpty()) {
                lines.add("- the same elements in another order: " + expectedLabel + " " + show(before) + ", "
                        + actualLabel + " " + show(after));
            }
        }
        if (lines.isEmpty()) {
            lines.add("- " + expectedLabel + ": " + show(expected));
            lines.add("- " + actualLabel + ": " + show(actual));
        }
        return lines;
    }

    private static void add(List<String> lines, String what, List<String> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> shown = entries.subList(0, Math.min(entries.size(), MAX_ENTRIES));
        lines.add("- " + what + ": " + String.join("; ", shown)
                + (entries.size() > shown.size() ? "; and " + (entries.size() - shown.size()) + " more" : ""));
    }

    private static String show(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "...";
    }
}

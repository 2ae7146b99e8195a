package io.tidemark.core.internal.loading;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Orders change units by their version-like {@code order}: segments separated by {@code .} are
 * compared left to right; segments made of digits compare as numbers ({@code 2 < 10},
 * {@code 1.2 < 1.10}, {@code 1.02 = 1.2}), other segments as text, and a numeric segment sorts
 * before a text one. When one order is a prefix of the other, the shorter sorts first
 * ({@code 1 < 1.0}).
 */
public final class VersionOrder implements Comparator<String> {

    /** The one instance. */
    public static final VersionOrder INSTANCE = new VersionOrder();

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private VersionOrder() {}

    /** Why {@code order} is not a valid order, or empty when it is. */
    public static Optional<String> problemWith(String order) {
        if (order.isBlank()) {
            return Optional.of("is blank");
        }
        for (String segment : order.split("\\.", -1)) {
            if (segment.isEmpty()) {
                return Optional.of(
                        "'" + order + "' has an empty segment; write segments separated by single dots, like 1.2.10");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.of("'" + order + "' has segment '" + segment
                        + "'; segments use letters, digits, '-' and '_' only");
            }
        }
        return Optional.empty();
    }

    @Override
    public int compare(String left, String right) {
        List<String> a = List.of(left.split("\\."));
        List<String> b = List.of(right.split("\\."));
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int result = compareSegment(a.get(i), b.get(i));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareSegment(String a, String b) {
        boolean aNumber = NUMBER.matcher(a).matches();
        boolean bNumber = NUMBER.matcher(b).matches();
        if (aNumber && bNumber) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        return a.compareTo(b);
    }
}

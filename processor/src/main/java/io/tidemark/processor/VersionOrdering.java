package io.tidemark.processor;

import java.util.Comparator;

/**
 * The order change units run in, as the core compares {@code @ChangeUnit(order)}: segments split on
 * {@code .}, digit-only segments compared as numbers, a numeric segment before a text one, a prefix
 * before a longer order. The processor writes change units in this order so that the run time has
 * (next to) nothing left to sort; the run time sorts again with its own comparator, so a difference
 * here could only cost time, never change what runs.
 */
final class VersionOrdering implements Comparator<String> {

    static final VersionOrdering INSTANCE = new VersionOrdering();

    private VersionOrdering() {}

    @Override
    public int compare(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int result = compareSegment(a[i], b[i]);
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static int compareSegment(String a, String b) {
        boolean aNumber = isNumber(a);
        boolean bNumber = isNumber(b);
        if (aNumber && bNumber) {
            String x = withoutLeadingZeros(a);
            String y = withoutLeadingZeros(b);
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        }
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String segment) {
        if (segment.isEmpty()) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String withoutLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}

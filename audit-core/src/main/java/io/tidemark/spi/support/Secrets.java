package io.tidemark.spi.support;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps passwords, keys and tokens out of logs, messages and {@code toString()}. */
public final class Secrets {

    /** What a hidden value is shown as. */
    public static final String MASK = "****";

    private static final Pattern URI_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://");
    private static final String[] SECRET_WORDS = {
        "password", "secret", "token", "credential", "access-key", "accesskey", "session-key", "private"
    };

    private Secrets() {}

    /**
     * Whether a configuration key holds a secret, judged by its name.
     *
     * @param key a configuration key
     * @return whether its name contains a word such as {@code password}, {@code secret} or {@code token}
     */
    public static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code text} with the password of every {@code scheme://user:password@host} in it replaced by
     * {@link #MASK}. The user information is taken to end at the last {@code @} of the URI (up to the
     * next white space), so that a password holding {@code /}, {@code @} or {@code :} is masked whole;
     * when in doubt more is masked, never less.
     *
     * @param text any text, such as a message or a connection string
     * @return the text with every URI password masked
     */
    public static String maskUriPasswords(String text) {
        return mask(text, false);
    }

    /**
     * Masks every URI password in {@code text}. In free text ({@code wholeValue} false) a URI ends at
     * the next white space; a configured value is one URI whatever it holds, so there it ends with the
     * value: the MongoDB driver takes {@code mongodb://app:correct horse@db1} as the password
     * {@code correct horse}, and a scan stopping at the space would show it.
     */
    private static String mask(String text, boolean wholeValue) {
        StringBuilder masked = new StringBuilder(text.length());
        int from = 0;
        Matcher scheme = URI_SCHEME.matcher(text);
        while (scheme.find(from)) {
            int authority = scheme.end();
            int end = authority;
            while (end < text.length() && (wholeValue || !Character.isWhitespace(text.charAt(end)))) {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            int colon = text.indexOf(':', authority);
            masked.append(text, from, authority);
            if (at >= authority && colon >= authority && colon < at) {
                masked.append(text, authority, colon + 1).append(MASK);
                from = at;
            } else {
                from = authority;
            }
        }
        return masked.append(text.substring(from)).toString();
    }

    /**
     * The value as it may be shown for {@code key}: masked entirely for secret keys, URI passwords masked otherwise.
     * The value is taken as one URI, white space and all, so that a password with a space in it
     * (which drivers accept unencoded) is masked whole: use this, not {@link #maskUriPasswords}, to
     * show a configured value.
     *
     * @param key   the configuration key
     * @param value its value
     * @return the value as it may be shown
     */
    public static String display(String key, String value) {
        return isSecretKey(key) ? MASK : mask(value, true);
    }
}

package io.tidemark.core.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps passwords, keys and tokens out of logs, messages and {@code toString()}. */
public final class Secrets {

    /** What a hidden value is shown as. */
    public static final String MASK = "****";

    private static final Pattern URI_USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^:@/\\s]*):([^@/\\s]*)@");
    private static final String[] SECRET_WORDS = {"password", "secret", "token", "credential", "access-key",
        "accesskey", "session-key", "private"};

    private Secrets() {
    }

    /** Whether a configuration key holds a secret, judged by its name. */
    public static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with the password of every {@code scheme://user:password@} in it replaced by {@link #MASK}. */
    public static String maskUriPasswords(String text) {
        Matcher matcher = URI_USER_INFO.matcher(text);
        return matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + ":" + MASK + "@"));
    }

    /** The value as it may be shown for {@code key}: masked entirely for secret keys, URI passwords masked otherwise. */
    public static String display(String key, String value) {
        return isSecretKey(key) ? MASK : maskUriPasswords(value);
    }
}

package io.tidemark.core.internal.config;

import java.time.Duration;

/** Durations written the way configuration accepts them, for messages: {@code 24h}, {@code 90s}, {@code 250ms}. */
public final class Durations {

    private Durations() {}

    /** The shortest exact spelling of {@code duration} in the short form ({@code 0s} for zero). */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toNanosPart() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}

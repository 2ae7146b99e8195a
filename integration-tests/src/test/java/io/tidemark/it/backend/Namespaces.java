package io.tidemark.it.backend;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh namespace names: lower-case letters and digits only, valid as a database name, key prefix or table prefix. */
public final class Namespaces {

    private Namespaces() {}

    /** {@code purpose} followed by 8 random hex digits, e.g. {@code race3f09a1c2}. */
    public static String fresh(String purpose) {
        return purpose + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }
}

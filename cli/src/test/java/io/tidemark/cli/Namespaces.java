package io.tidemark.cli;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Namespace names no earlier call of this instance gave: {@code purpose} and a number. One instance
 * per backend server, so that the tests sharing that server never share a namespace.
 */
final class Namespaces {

    private final AtomicInteger issued = new AtomicInteger();

    /** {@code purpose} followed by the next number, e.g. {@code cli7}: letters and digits, valid for every fixture. */
    String fresh(String purpose) {
        return purpose + issued.incrementAndGet();
    }
}

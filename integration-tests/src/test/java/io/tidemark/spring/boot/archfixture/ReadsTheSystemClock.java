package io.tidemark.spring.boot.archfixture;

import java.time.Instant;

/** Breaks "time comes from an injected clock". */
public class ReadsTheSystemClock {
    Instant startedAt() {
        return Instant.now();
    }
}

package archfixture.core;

import java.time.Instant;

/** Breaks "no static clock". */
public class ReadsTheSystemClock {
    Instant now() {
        return Instant.now();
    }
}

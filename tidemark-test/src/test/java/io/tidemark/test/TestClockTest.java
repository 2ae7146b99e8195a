package io.tidemark.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestClockTest {

    @Test
    void movesOnlyWhenToldTo() throws InterruptedException {
        TestClock clock = new TestClock();

        Instant start = clock.instant();
        clock.advance(Duration.ofSeconds(90));
        clock.sleeper().sleep(Duration.ofMillis(250));

        assertEquals(TestClock.DEFAULT_START, start);
        assertEquals(TestClock.DEFAULT_START.plusSeconds(90).plusMillis(250), clock.instant());
        assertEquals(clock.instant().toEpochMilli(), clock.millis());
        assertEquals(ZoneOffset.UTC, clock.getZone());
    }

    @Test
    void goesBackOnlyBySet() {
        TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
        clock.set(Instant.parse("2029-12-31T00:00:00Z"));

        assertTrue(error.getMessage().contains("use set(instant)"), error.getMessage());
        assertEquals(Instant.parse("2029-12-31T00:00:00Z"), clock.instant());
    }

    @Test
    void aZonedViewFollowsTheClock() {
        TestClock clock = new TestClock();
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofMinutes(5));

        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
        assertEquals(clock.instant(), paris.instant());
        assertEquals(clock.instant(), paris.withZone(ZoneOffset.UTC).instant());
    }
}

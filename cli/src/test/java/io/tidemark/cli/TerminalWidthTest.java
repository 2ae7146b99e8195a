package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalWidthTest {

    @Test
    void columnsComesFromTheEnvironmentElseOneHundred() {
        assertThat(TerminalWidth.of(Map.of("COLUMNS", "132")).columns()).isEqualTo(132);
        assertThat(TerminalWidth.of(Map.of()).columns()).isEqualTo(100);
        assertThat(TerminalWidth.of(Map.of("COLUMNS", "wide")).columns()).isEqualTo(100);
    }

    @Test
    void aTinyWidthIsRaisedToTheMinimum() {
        assertThat(TerminalWidth.of(Map.of("COLUMNS", "12")).columns()).isEqualTo(TerminalWidth.MINIMUM);
    }
}

package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWrapTest {

    @Test
    void linesBreakBetweenWordsWithinTheWidth() {
        assertThat(TextWrap.lines("the quick brown fox jumps over the lazy dog", 15))
                .containsExactly("the quick brown", "fox jumps over", "the lazy dog");
    }

    @Test
    void aWordWiderThanALineIsCut() {
        assertThat(TextWrap.lines("hash 0123456789abcdef0123 end", 10))
                .containsExactly("hash", "0123456789", "abcdef0123", "end");
    }

    @Test
    void whitespaceCollapsesAndClosingMarksJoinTheirWord() {
        assertThat(TextWrap.lines("tip at seq 9 (CHECKPOINT )\n\tand more .", 100))
                .containsExactly("tip at seq 9 (CHECKPOINT) and more.");
    }

    @Test
    void oneLineCutsWithAnEllipsis() {
        assertThat(TextWrap.oneLine("IllegalStateException: simulated\nfailure", 20))
                .isEqualTo("IllegalStateExcep...");
        assertThat(TextWrap.oneLine("short", 20)).isEqualTo("short");
    }

    @Test
    void blankTextIsOneEmptyLine() {
        assertThat(TextWrap.lines("  ", 10)).containsExactly("");
    }
}

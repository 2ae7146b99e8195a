package io.tidemark.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StateDifferenceTest {

    @Test
    void mapsNameTheKeysOnlyOneHoldsAndTheValuesThatDiffer() {
        List<String> lines =
                StateDifference.describe(Map.of("a", 1, "b", 2), Map.of("a", 1, "b", 3, "c", 4), "before", "after");

        assertEquals(List.of("- present after but not before: c=4", "- different: b: before 2, after 3"), lines);
    }

    @Test
    void collectionsNameTheElementsOnlyOneHoldsCountingRepeats() {
        assertEquals(
                List.of("- present after but not before: x", "- present before but not after: z"),
                StateDifference.describe(List.of("x", "y", "z"), List.of("y", "x", "x"), "before", "after"));
    }

    @Test
    void collectionsThatDifferInOrderOnlySaySo() {
        assertEquals(
                List.of("- the same elements in another order: before [a, b], after [b, a]"),
                StateDifference.describe(List.of("a", "b"), List.of("b", "a"), "before", "after"));
    }

    @Test
    void otherValuesAreShownBothAndLongListsAreCut() {
        assertEquals(List.of("- before: 1", "- after: one"), StateDifference.describe(1, "one", "before", "after"));
        List<String> lines = StateDifference.describe(
                List.of(), IntStream.range(0, 25).boxed().toList(), "b", "a");
        assertEquals(1, lines.size());
        assertEquals(true, lines.get(0).endsWith("; 19; and 5 more"), lines.get(0));
    }
}

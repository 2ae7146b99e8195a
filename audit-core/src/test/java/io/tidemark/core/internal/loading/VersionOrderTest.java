package io.tidemark.core.internal.loading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionOrderTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "2,10",
        "1.2,1.10",
        "1,1.0",
        "1.9.9,2",
        "0010.1,11",
        "1.alpha,1.beta",
        "1.2,1.a",
        "99999999999999999999999,100000000000000000000000"
    })
    void ordersSegmentBySegment(String lower, String higher) {
        assertThat(VersionOrder.INSTANCE.compare(lower, higher)).isNegative();
        assertThat(VersionOrder.INSTANCE.compare(higher, lower)).isPositive();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"1.02,1.2", "007,7", "1.0.0,1.0.0"})
    void numericSegmentsEqualAsNumbers(String a, String b) {
        assertThat(VersionOrder.INSTANCE.compare(a, b)).isZero();
    }

    @Test
    void sortsARealisticSetNumerically() {
        List<String> orders = new ArrayList<>(List.of("10", "2", "1.10", "1.2", "1", "2.0.1", "1.2.3"));

        orders.sort(VersionOrder.INSTANCE);

        assertThat(orders).containsExactly("1", "1.2", "1.2.3", "1.10", "2", "2.0.1", "10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1..2", ".1", "1.", "1.2 3", "1/2"})
    void rejectsMalformedOrders(String order) {
        assertThat(VersionOrder.problemWith(order)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.2.10", "2026-03-01", "v1_2", "0001"})
    void acceptsWellFormedOrders(String order) {
        assertThat(VersionOrder.problemWith(order)).isEmpty();
    }
}

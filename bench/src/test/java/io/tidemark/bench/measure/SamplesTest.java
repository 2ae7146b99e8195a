package io.tidemark.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void percentilesAreNearestRank() {
        Samples samples = new Samples(
                IntStream.rangeClosed(1, 20).mapToObj(i -> (double) (21 - i)).toList());

        assertThat(samples.median()).isEqualTo(10.0);
        assertThat(samples.p95()).isEqualTo(19.0);
        assertThat(samples.min()).isEqualTo(1.0);
        assertThat(samples.max()).isEqualTo(20.0);
        assertThat(samples.count()).isEqualTo(20);
    }

    @Test
    void oneSampleIsItsOwnMedianAndP95() {
        Samples samples = Samples.ofNanos(2_500_000);

        assertThat(samples.median()).isEqualTo(2.5);
        assertThat(samples.p95()).isEqualTo(2.5);
        assertThat(samples.millis()).isEqualTo(List.of(2.5));
    }
}

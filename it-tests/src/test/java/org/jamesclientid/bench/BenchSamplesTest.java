package org.jamesclientid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BenchSamplesTest {
    @Test
    void p99RatioIntervalShouldBeThePointWhenEveryPairHasTheSameRatio() {
        long[] bare = new Random(3).longs(1000, 1_000_000, 5_000_000).toArray();
        long[] twice = Arrays.stream(bare).map(nanos -> 2 * nanos).toArray();

        assertThat(BenchSamples.p99RatioInterval(twice, bare, 1)).containsExactly(2.0, 2.0);
    }

    @Test
    void p99RatioIntervalShouldHoldTheMeasuredRatioAndBeWideWhenTheTailsAreNoisy() {
        Random random = new Random(5);
        // Exponential tails: the p99 of a thousand is the tenth largest, which moves a lot between samples.
        long[] first = random.doubles(1000).mapToLong(u -> (long) (-Math.log(1 - u) * 1_000_000)).toArray();
        long[] second = random.doubles(1000).mapToLong(u -> (long) (-Math.log(1 - u) * 1_000_000)).toArray();
        long[] sortedFirst = first.clone();
        long[] sortedSecond = second.clone();
        Arrays.sort(sortedFirst);
        Arrays.sort(sortedSecond);
        double measured = BenchSamples.percentileMs(sortedFirst, 0.99) / BenchSamples.percentileMs(sortedSecond, 0.99);

        double[] interval = BenchSamples.p99RatioInterval(first, second, 1);

        assertThat(interval[0]).isLessThanOrEqualTo(measured);
        assertThat(interval[1]).isGreaterThanOrEqualTo(measured);
        // Same distribution on both sides: the interval holds 1 and is far from a point.
        assertThat(interval[0]).isLessThan(1.0);
        assertThat(interval[1]).isGreaterThan(1.0);
        assertThat(interval[1] - interval[0]).isGreaterThan(0.2);
    }
}

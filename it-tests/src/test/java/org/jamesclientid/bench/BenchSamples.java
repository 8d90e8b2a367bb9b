package org.jamesclientid.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;

import org.apache.james.core.Username;
import org.jamesclientid.core.ClientId;

/**
 * What the latency benchmarks of every store share: the devices they store and pick, and how a sample is read.
 */
final class BenchSamples {
    private BenchSamples() {
    }

    /**
     * {@code samples} distinct device numbers below {@code stored}, in random order.
     */
    static List<Integer> distinctPicks(int stored, int samples, Random random) {
        List<Integer> picks = new ArrayList<>();
        if (stored <= samples * 4) {
            for (int i = 0; i < stored; i++) {
                picks.add(i);
            }
            Collections.shuffle(picks, random);
            return picks.subList(0, Math.min(samples, stored));
        }
        Set<Integer> seen = new HashSet<>();
        while (picks.size() < samples) {
            int pick = random.nextInt(stored);
            if (seen.add(pick)) {
                picks.add(pick);
            }
        }
        return picks;
    }

    /**
     * Collections so far and their total milliseconds, over every collector of this JVM.
     */
    static long[] clientGc() {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        return new long[] {
            collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum(),
            collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum()
        };
    }

    /**
     * A 95% bootstrap interval of {@code p99(numerator) / p99(denominator)}, both in the order they were timed and
     * resampled by the same indexes (a pair timed together stays together): how far a ratio of two p99s of this many
     * samples, each the tenth largest of a thousand, moves by chance alone. {@code {low, high}}.
     */
    static double[] p99RatioInterval(long[] numerator, long[] denominator, long seed) {
        int resamples = 2000;
        int size = Math.min(numerator.length, denominator.length);
        Random random = new Random(seed);
        double[] ratios = new double[resamples];
        long[] top = new long[size];
        long[] bottom = new long[size];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < size; i++) {
                int drawn = random.nextInt(size);
                top[i] = numerator[drawn];
                bottom[i] = denominator[drawn];
            }
            Arrays.sort(top);
            Arrays.sort(bottom);
            ratios[r] = percentileMs(top, 0.99) / percentileMs(bottom, 0.99);
        }
        Arrays.sort(ratios);
        return new double[] {ratios[(int) (resamples * 0.025)], ratios[(int) (resamples * 0.975) - 1]};
    }

    static double percentileMs(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /**
     * The account of device number {@code device}: devices are spread evenly over {@code accounts}.
     */
    static Username account(int device, int accounts) {
        return Username.of("user-" + (device % accounts) + "@" + BenchAccount.DOMAIN);
    }

    /**
     * {@code call} for each pick, one at a time: the time of each, sorted.
     */
    static long[] timedEach(List<Integer> picks, IntConsumer call) {
        long[] nanos = new long[picks.size()];
        for (int i = 0; i < picks.size(); i++) {
            int pick = picks.get(i);
            nanos[i] = nanosOf(() -> call.accept(pick));
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /**
     * The wall-clock time of {@code call}.
     */
    static long nanosOf(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    static ClientId clientId(int device) {
        return ClientId.of("UUID", "bench-device-" + device);
    }

    /**
     * Sleeps, the interruption kept and turned into an unchecked failure: the benchmark's passes stop on it.
     */
    static void sleep(long milliseconds) {
        try {
            Thread.sleep(milliseconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first {@code count} picks decided one at a time, {@code spacingMilliseconds} apart, as on a lightly loaded
     * server.
     */
    static void spacedEach(List<Integer> picks, int count, long spacingMilliseconds, IntConsumer call) {
        for (int i = 0; i < count; i++) {
            call.accept(picks.get(i));
            sleep(spacingMilliseconds);
        }
    }

    /**
     * The CPU used since it was made, per decision: the benchmark's JVM's (engine, driver or pool) and the store
     * server's processes'.
     */
    static final class CpuSince {
        private final ProcessCpu cpu;
        private final DoubleSupplier serverCpuNanos;
        private final long self;
        private final long clientBefore;
        private final double serverBefore;

        static CpuSince now(ProcessCpu cpu, DoubleSupplier serverCpuNanos) {
            return new CpuSince(cpu, serverCpuNanos);
        }

        private CpuSince(ProcessCpu cpu, DoubleSupplier serverCpuNanos) {
            this.cpu = cpu;
            this.serverCpuNanos = serverCpuNanos;
            this.self = ProcessHandle.current().pid();
            this.clientBefore = cpu.cpuNanos(self);
            this.serverBefore = serverCpuNanos.getAsDouble();
        }

        double clientMicrosPerDecision(int decisions) {
            return (cpu.cpuNanos(self) - clientBefore) / 1e3 / decisions;
        }

        double serverMicrosPerDecision(int decisions) {
            return (serverCpuNanos.getAsDouble() - serverBefore) / 1e3 / decisions;
        }
    }
}

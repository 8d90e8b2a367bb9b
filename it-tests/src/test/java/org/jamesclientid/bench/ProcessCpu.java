package org.jamesclientid.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

import com.google.common.base.Preconditions;

/**
 * CPU time (user + system) of a process, from /proc/&lt;pid&gt;/stat (Linux): all its threads, or its JIT compiler
 * threads alone (/proc/&lt;pid&gt;/task/*&#47;stat), or a process with its children.
 */
final class ProcessCpu {
    private final long clockTicksPerSecond;

    ProcessCpu() {
        this.clockTicksPerSecond = clockTicksPerSecond();
    }

    long cpuNanos(long pid) {
        try {
            return ticks(Files.readString(Paths.get("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII))
                * 1_000_000_000L / clockTicksPerSecond;
        } catch (IOException e) {
            throw new UncheckedIOException("process " + pid + " is gone", e);
        }
    }

    /**
     * CPU time of a process and of its children, live or ended: a server made of processes, such as PostgreSQL (the
     * postmaster forks a backend per connection and its background workers). An ended child's time is in its
     * parent's {@code cutime + cstime} once the parent has reaped it; a child reaped between the two reads here is
     * missed or counted twice, which the connection pools of the benchmark make rare (their backends live on).
     */
    long treeCpuNanos(long rootPid) {
        long ticks = ticksWithChildren(rootPid);
        try (Stream<Path> processes = Files.list(Paths.get("/proc"))) {
            ticks += processes
                .filter(process -> process.getFileName().toString().matches("\\d+"))
                .mapToLong(process -> childTicks(process, rootPid))
                .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks * 1_000_000_000L / clockTicksPerSecond;
    }

    private static long ticksWithChildren(long pid) {
        try {
            String[] fields = fieldsAfterName(Files.readString(Paths.get("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII));
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException e) {
            throw new UncheckedIOException("process " + pid + " is gone", e);
        }
    }

    private static long childTicks(Path process, long parentPid) {
        try {
            String[] fields = fieldsAfterName(Files.readString(process.resolve("stat"), StandardCharsets.US_ASCII));
            if (Long.parseLong(fields[1]) != parentPid) {
                return 0;
            }
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException e) {
            return 0; // the process ended while listing (no file, or no such process while reading it)
        }
    }

    /**
     * CPU time of the JVM's JIT compiler threads ({@code C1 CompilerThread<n>}, {@code C2 CompilerThread<n>}): a
     * warm-up cost, not a per-session one. Threads that ended meanwhile are not counted (HotSpot keeps its
     * compiler threads; it may add or remove some under load, which makes this a lower bound).
     */
    long jitNanos(long pid) {
        try (Stream<Path> tasks = Files.list(Paths.get("/proc", Long.toString(pid), "task"))) {
            long ticks = tasks.mapToLong(ProcessCpu::compilerThreadTicks).sum();
            return ticks * 1_000_000_000L / clockTicksPerSecond;
        } catch (IOException e) {
            throw new UncheckedIOException("process " + pid + " is gone", e);
        }
    }

    private static long compilerThreadTicks(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            return name.matches("C[12] CompilerThre.*") ? ticks(stat) : 0;
        } catch (NoSuchFileException e) {
            return 0; // the thread ended while listing
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ticks(String stat) {
        String[] fields = fieldsAfterName(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Fields 3 on of /proc/&lt;pid&gt;/stat (index 0: state, 1: ppid, 11: utime, 12: stime, 13: cutime, 14: cstime).
     */
    private static String[] fieldsAfterName(String stat) {
        // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            Preconditions.checkState(getconf.waitFor() == 0, "getconf CLK_TCK failed: %s", output);
            return Long.parseLong(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.jamesclientid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcessCpu#treeCpuNanos}, which counts PostgreSQL's processes for the jdbc_postgres variant of ./run-bench:
 * a shell whose child burns CPU then ends, the shell itself idle.
 */
class ProcessCpuTest {
    // About a second of CPU in the child, far from any rounding of clock ticks; the trailing command keeps the shell
    // from replacing itself with sleep, so the parent stays the shell that reaped the child.
    private static final String BUSY_CHILD_THEN_IDLE = "sh -c 'i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done'; sleep 60; true";
    private static final long BUSY_NANOS = Duration.ofMillis(300).toNanos();

    private final ProcessCpu cpu = new ProcessCpu();

    @Test
    void treeCpuNanosShouldCountTheCpuOfAChildThatEndedWhenOnlyTheChildWorked() throws Exception {
        Process parent = new ProcessBuilder("sh", "-c", BUSY_CHILD_THEN_IDLE).start();
        try {
            Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sleeping(parent));

            assertThat(cpu.treeCpuNanos(parent.pid())).isGreaterThan(BUSY_NANOS);
            assertThat(cpu.cpuNanos(parent.pid())).isLessThan(BUSY_NANOS / 3);
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The busy child has ended and the shell has gone on to sleep.
     */
    private static boolean sleeping(Process parent) {
        List<ProcessHandle> children = parent.children().collect(Collectors.toList());
        return children.size() == 1 && children.get(0).info().command().map(command -> command.endsWith("sleep")).orElse(false);
    }
}

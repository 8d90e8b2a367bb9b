package org.jamesclientid.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pause guard with real processes: {@code sleep}s stand for the test JVM and for Cassandra.
 */
class ForkedCassandraTest {
    private Process watched;
    private Process paused;
    private Process guard;

    @AfterEach
    void killProcesses() {
        for (Process process : new Process[] {guard, paused, watched}) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void resumeWhenGoneShouldContinueThePausedProcessWhenTheWatchedOneDies() throws Exception {
        watched = new ProcessBuilder("sleep", "60").start();
        paused = new ProcessBuilder("sleep", "60").start();
        new ProcessBuilder("kill", "-STOP", Long.toString(paused.pid())).start().waitFor();
        awaitStopped(paused.pid(), true);
        guard = ForkedCassandra.resumeWhenGone(watched.pid(), paused.pid());

        watched.destroyForcibly().waitFor();

        awaitStopped(paused.pid(), false);
        assertThat(guard.waitFor(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void resumeWhenGoneShouldLeaveThePausedProcessStoppedWhileTheWatchedOneLives() throws Exception {
        watched = new ProcessBuilder("sleep", "60").start();
        paused = new ProcessBuilder("sleep", "60").start();
        new ProcessBuilder("kill", "-STOP", Long.toString(paused.pid())).start().waitFor();
        awaitStopped(paused.pid(), true);

        guard = ForkedCassandra.resumeWhenGone(watched.pid(), paused.pid());
        Thread.sleep(2500);

        assertThat(ForkedCassandra.isStoppedByKernel(paused.pid())).contains(true);
        assertThat(guard.isAlive()).isTrue();
    }

    private static void awaitStopped(long pid, boolean stopped) throws InterruptedException {
        for (int i = 0; i < 250 && !ForkedCassandra.isStoppedByKernel(pid).equals(Optional.of(stopped)); i++) {
            Thread.sleep(20);
        }
        assertThat(ForkedCassandra.isStoppedByKernel(pid)).contains(stopped);
    }
}

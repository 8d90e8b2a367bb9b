package org.jamesclientid.testing.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cassandra running in a JVM forked by {@link CassandraDaemonLauncher}.
 * <p>
 * Two safety nets stop it with the test JVM: a shutdown hook (normal exit, SIGTERM, SIGINT) kills it at once, and
 * {@link ParentWatchdog} inside the forked JVM halts it when the test JVM dies without running hooks (SIGKILL).
 * <p>
 * {@link #pause()} sends SIGSTOP (through {@code kill}: {@link ProcessHandle} only knows SIGTERM and SIGKILL), like
 * {@code docker pause}. Linux only.
 */
public final class ForkedCassandra implements TestCassandra {
    private static final Logger LOGGER = LoggerFactory.getLogger(ForkedCassandra.class);
    private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STATE_CHANGE_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

    private final CassandraDaemonLauncher launcher;
    private final ForkedCassandraDirectory directory;
    private final CassandraPorts ports;
    private final CassandraNode node;
    private final Thread shutdownHook;
    // Volatile, read without the lock by the shutdown hook: a hook must not wait for a start in progress.
    private volatile Process process;
    private Duration startupDuration;
    private boolean paused;
    private Process resumeGuard;
    private boolean hookAdded;

    ForkedCassandra(CassandraDaemonLauncher launcher, ForkedCassandraDirectory directory, CassandraPorts ports, CassandraNode node) {
        this.launcher = launcher;
        this.directory = directory;
        this.ports = ports;
        this.node = node;
        this.shutdownHook = new Thread(this::killAndDeleteStorage, "stop-forked-cassandra-" + node.address() + "-" + ports.nativePort());
    }

    synchronized void start() {
        long startNanos = System.nanoTime();
        process = launcher.startProcess(directory, node);
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hookAdded = true;
        }
        try {
            launcher.awaitCql(process, directory, contactPoint());
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        startupDuration = Duration.ofNanos(System.nanoTime() - startNanos);
        LOGGER.info("Forked Cassandra (pid {}) answers CQL on {}:{} after {} ms; files in {}",
            process.pid(), host(), cqlPort(), startupDuration.toMillis(), directory);
    }

    @Override
    public String host() {
        return node.address();
    }

    public CassandraNode node() {
        return node;
    }

    @Override
    public int cqlPort() {
        return ports.nativePort();
    }

    public CassandraPorts ports() {
        return ports;
    }

    public ForkedCassandraDirectory directory() {
        return directory;
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process.isAlive();
    }

    /**
     * From the fork to the first successful query, of the last start.
     */
    public synchronized Duration startupDuration() {
        return startupDuration;
    }

    /**
     * The resident memory of the forked JVM, from /proc; empty where there is no /proc.
     */
    public OptionalLong residentSetSizeBytes() {
        Path status = Paths.get("/proc", Long.toString(pid()), "status");
        try {
            Matcher matcher = VM_RSS.matcher(Files.readString(status, StandardCharsets.UTF_8));
            return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1)) * 1024) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Also starts a guard that sends SIGCONT if the test JVM dies meanwhile: a stopped JVM cannot run its
     * {@link ParentWatchdog}, and a test JVM killed on a timeout while Cassandra is paused is a likely case.
     */
    @Override
    public synchronized void pause() {
        if (paused) {
            return;
        }
        resumeGuard = resumeWhenGone(ProcessHandle.current().pid(), process.pid());
        signal("STOP");
        awaitState(true);
        paused = true;
    }

    @Override
    public synchronized void resume() {
        signal("CONT");
        awaitState(false);
        paused = false;
        stopResumeGuard();
    }

    /**
     * A shell loop, not a thread: it must outlive the JVM it watches.
     */
    static Process resumeWhenGone(long watchedPid, long pausedPid) {
        try {
            return new ProcessBuilder("sh", "-c",
                "while kill -0 " + watchedPid + " 2>/dev/null; do sleep 1; done; kill -CONT " + pausedPid)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the guard that resumes Cassandra if this JVM dies", e);
        }
    }

    private void stopResumeGuard() {
        if (resumeGuard != null) {
            resumeGuard.destroy();
            resumeGuard = null;
        }
    }

    @Override
    public synchronized boolean isPaused() {
        return paused;
    }

    /**
     * Stops Cassandra cleanly (SIGTERM lets it drain, so that every acknowledged write is on disk) and starts it
     * again on the same directory and ports: to test a client through an outage and a recovery.
     */
    public synchronized void restart() {
        shutDown();
        start();
    }

    /**
     * Stops Cassandra cleanly (SIGTERM) and keeps its data, like an operator stopping a node: {@link #startAgain()}
     * brings it back on the same directory, address and ports. The shutdown hook stays, to delete the data if the
     * test JVM exits meanwhile.
     */
    public synchronized void shutDown() {
        if (paused) {
            resume();
        }
        long stopNanos = System.nanoTime();
        process.destroy();
        if (!waitFor(process, GRACEFUL_STOP_TIMEOUT)) {
            LOGGER.warn("Cassandra (pid {}) did not stop within {} s of SIGTERM: killing it", process.pid(), GRACEFUL_STOP_TIMEOUT.toSeconds());
            kill();
        }
        LOGGER.info("Forked Cassandra (pid {}, {}) stopped cleanly in {} ms", process.pid(), node,
            Duration.ofNanos(System.nanoTime() - stopNanos).toMillis());
    }

    /**
     * Starts a node stopped by {@link #shutDown()} again; returns once it answers CQL.
     */
    public synchronized void startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException("Cassandra (pid " + process.pid() + ", " + node + ") is still running");
        }
        start();
    }

    /**
     * Kills Cassandra and deletes its data; keeps its configuration and logs.
     */
    public synchronized void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            hookAdded = false;
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is running or will run.
        }
        killAndDeleteStorage();
        paused = false;
        stopResumeGuard();
    }

    private void killAndDeleteStorage() {
        kill();
        directory.deleteStorage();
    }

    /**
     * SIGKILL: the data is throwaway, and a stopped (paused) process dies from it too.
     */
    private void kill() {
        Process current = process;
        current.destroyForcibly();
        if (!waitFor(current, KILL_TIMEOUT)) {
            LOGGER.error("Cassandra (pid {}) still runs {} s after SIGKILL", current.pid(), KILL_TIMEOUT.toSeconds());
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void signal(String signal) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Cassandra (pid " + process.pid() + ") is not running\n" + directory.tailOfLogs(20));
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kill.waitFor(STATE_CHANGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill -" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + signal, e);
        }
    }

    /**
     * Signals are asynchronous: wait until the kernel shows the process stopped (or running again), so that the
     * caller's next request really meets a frozen (or live) server.
     */
    private void awaitState(boolean stopped) {
        long deadline = System.nanoTime() + STATE_CHANGE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Boolean> isStopped = isStoppedByKernel(process.pid());
            if (isStopped.isEmpty() || isStopped.get() == stopped) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Cassandra (pid " + process.pid() + ") did not " + (stopped ? "stop" : "continue")
            + " within " + STATE_CHANGE_TIMEOUT.toSeconds() + " s");
    }

    /**
     * The state letter of /proc/PID/stat, after the parenthesised command name; empty without /proc.
     */
    static Optional<Boolean> isStoppedByKernel(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return Optional.of(state == 'T' || state == 't');
        } catch (IOException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ForkedCassandra{pid=" + process.pid() + ", " + node + ", " + ports + ", directory=" + directory + "}";
    }
}

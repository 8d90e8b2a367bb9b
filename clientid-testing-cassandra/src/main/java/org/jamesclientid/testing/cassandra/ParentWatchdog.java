package org.jamesclientid.testing.cassandra;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Main class of the forked Cassandra JVM: runs another main class, and halts the JVM as soon as the parent
 * (the test JVM) is gone.
 * <p>
 * The test JVM's shutdown hook only covers a normal exit or SIGTERM; a test JVM killed with SIGKILL (a Surefire
 * timeout, an OOM killer, a crash) would leave an orphan Cassandra holding 1 GB and two ports. Watching from the
 * child is the robust way: the JDK cannot ask Linux to signal a child on its parent's death (PR_SET_PDEATHSIG).
 * <p>
 * Usage: {@code ParentWatchdog <parent pid> <main class> [arguments of the main class...]}.
 * Only JDK classes here: this class runs on Cassandra's classpath.
 */
public final class ParentWatchdog {
    static final long POLL_INTERVAL_MILLIS = 500;
    static final int PARENT_GONE_EXIT_CODE = 143;

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("Usage: ParentWatchdog <parent pid> <main class> [arguments...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        watch(parentPid);
        runMain(args[1], Arrays.copyOfRange(args, 2, args.length));
    }

    private static void watch(long parentPid) {
        // The start instant tells the parent from a later process that got its pid back.
        Optional<Instant> parentStart = ProcessHandle.of(parentPid).flatMap(parent -> parent.info().startInstant());
        Thread watchdog = new Thread(() -> {
            while (isAlive(parentPid, parentStart)) {
                try {
                    Thread.sleep(POLL_INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            System.err.println("ParentWatchdog: parent process " + parentPid + " is gone, halting");
            // halt, not exit: Cassandra's shutdown hooks (drain) are of no use to throwaway test data.
            Runtime.getRuntime().halt(PARENT_GONE_EXIT_CODE);
        }, "parent-watchdog-" + parentPid);
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static boolean isAlive(long parentPid, Optional<Instant> parentStart) {
        return ProcessHandle.of(parentPid)
            .filter(ProcessHandle::isAlive)
            .filter(parent -> parentStart.isEmpty() || parent.info().startInstant().equals(parentStart))
            .isPresent()
            && !isZombie(parentPid);
    }

    /**
     * A killed parent stays a zombie until its own parent reaps it, and {@link ProcessHandle#isAlive()} still says
     * true then: read its state from /proc (Linux).
     */
    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void runMain(String mainClass, String[] args) throws Throwable {
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

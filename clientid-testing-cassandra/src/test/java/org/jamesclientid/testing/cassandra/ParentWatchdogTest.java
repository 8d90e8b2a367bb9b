package org.jamesclientid.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With real processes: a {@code sleep} stands for the test JVM, a small main class for Cassandra.
 */
class ParentWatchdogTest {
    public static class SleepingMain {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(TimeUnit.MINUTES.toMillis(1));
        }
    }

    public static class ArgumentsWritingMain {
        public static void main(String[] args) throws Exception {
            Files.writeString(Paths.get(args[0]), String.join(",", args));
        }
    }

    private Process parent;
    private Process child;

    @AfterEach
    void killProcesses() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (parent != null) {
            parent.destroyForcibly();
        }
    }

    @Test
    void watchdogShouldHaltTheChildWhenTheParentDies() throws Exception {
        parent = new ProcessBuilder("sleep", "60").start();
        child = startUnderWatchdog(parent.pid(), SleepingMain.class.getName());
        assertThat(child.waitFor(2, TimeUnit.SECONDS)).as("child alive while its parent lives").isFalse();

        parent.destroyForcibly().waitFor();

        assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("child gone after its parent").isTrue();
        assertThat(child.exitValue()).isEqualTo(ParentWatchdog.PARENT_GONE_EXIT_CODE);
    }

    @Test
    void watchdogShouldHaltTheChildWhenTheParentIsAlreadyGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();

        child = startUnderWatchdog(gone.pid(), SleepingMain.class.getName());

        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(ParentWatchdog.PARENT_GONE_EXIT_CODE);
    }

    @Test
    void watchdogShouldHaltTheChildWhenTheParentIsAZombie() throws Exception {
        long zombie = unreapedExitedProcess();

        child = startUnderWatchdog(zombie, SleepingMain.class.getName());

        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(ParentWatchdog.PARENT_GONE_EXIT_CODE);
    }

    @Test
    void isZombieShouldBeTrueWhenAProcessExitedWithoutBeingReaped() throws Exception {
        assertThat(ParentWatchdog.isZombie(unreapedExitedProcess())).isTrue();
    }

    @Test
    void isZombieShouldBeFalseWhenTheProcessRuns() {
        assertThat(ParentWatchdog.isZombie(ProcessHandle.current().pid())).isFalse();
    }

    /**
     * A killed test JVM is such a zombie until Maven (or init) reaps it, while ProcessHandle calls it alive.
     * Here {@code sleep 0.1} exits and its parent, now {@code sleep 60}, never reaps it.
     */
    private long unreapedExitedProcess() throws Exception {
        parent = new ProcessBuilder("bash", "-c", "sleep 0.1 & echo $!; exec sleep 60").start();
        long zombie = Long.parseLong(new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8)).readLine().trim());
        for (int i = 0; i < 100 && !ParentWatchdog.isZombie(zombie); i++) {
            Thread.sleep(20);
        }
        return zombie;
    }

    @Test
    void watchdogShouldRunTheMainClassWithItsArgumentsWhenTheParentLives(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("arguments.txt");

        child = startUnderWatchdog(ProcessHandle.current().pid(), ArgumentsWritingMain.class.getName(), output.toString(), "second");

        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(Files.readString(output)).isEqualTo(output + ",second");
    }

    private static Process startUnderWatchdog(long parentPid, String mainClass, String... arguments) throws Exception {
        String classpath = location(ParentWatchdog.class) + File.pathSeparator + location(ParentWatchdogTest.class);
        ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", classpath, ParentWatchdog.class.getName(), Long.toString(parentPid), mainClass);
        builder.command().addAll(List.of(arguments));
        return builder.inheritIO().start();
    }

    private static String location(Class<?> clazz) throws Exception {
        return Paths.get(clazz.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}

package org.jamesclientid.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import com.google.common.base.Preconditions;

/**
 * The share of a server JVM's CPU that the extension's code costs, by two profilers started and stopped with
 * {@code jcmd} around the measured rounds (not the start-up nor the warm-up): of the samples, those with a frame of
 * {@code org.jamesclientid} in their stack, less those also in James' credential check
 * ({@code UsersRepositoryAuthHook}, the users repository: the password check James does with or without the
 * extension, which the extension's AUTH hook calls).
 * <ul>
 * <li>{@link #cpuTime()}: async-profiler's {@code cpu} event (the kernel's CPU clock, every
 * {@value #CPU_INTERVAL}): a sample per interval of CPU the process used, whichever thread and whether in Java, in
 * the JVM (compilers, collector) or in the kernel on the process' behalf (sockets, TLS records written). The share of
 * the server's CPU.</li>
 * <li>{@link #javaExecution()}: JFR's {@code jdk.ExecutionSample} (default settings, every 20 ms): threads caught in
 * Java code, whether they were on a core or waiting for one; no kernel, compiler nor collector time. Kept as a figure:
 * its denominator is the Java code's share of time, not the CPU (run 12 of docs/benchmarks.md measured, with the
 * profile settings, the memory server at more than twice stock's CPU per session, much of it JIT).</li>
 * </ul>
 */
final class ExtensionCpuShare {
    static final String EXTENSION_PACKAGE = "org.jamesclientid.";
    private static final List<String> CREDENTIAL_CHECK = List.of("org.apache.james.smtpserver.UsersRepositoryAuthHook",
        "org.apache.james.user.");
    private static final String RECORDING = "extension-cpu-share";
    static final String CPU_INTERVAL = "5ms";
    private static final String AGENT = "linux-x64/libasyncProfiler.so";

    static final class Share {
        final long samples;
        final long extensionSamples;
        final long credentialCheckSamples;
        final long truncatedStacks;

        Share(long samples, long extensionSamples, long credentialCheckSamples, long truncatedStacks) {
            Preconditions.checkArgument(extensionSamples + credentialCheckSamples <= samples, "more extension samples than samples");
            this.samples = samples;
            this.extensionSamples = extensionSamples;
            this.credentialCheckSamples = credentialCheckSamples;
            this.truncatedStacks = truncatedStacks;
        }

        double share() {
            return samples == 0 ? Double.NaN : (double) extensionSamples / samples;
        }
    }

    /**
     * Starts both profilers in the JVM {@code pid}: JFR to {@code <name>.jfr} and async-profiler (its agent copied
     * out of its jar into {@code directory}) to {@code <name>-cpu.collapsed}, both in {@code directory}.
     */
    static ExtensionCpuShare start(long pid, Path directory, String name) throws IOException, InterruptedException {
        Path recording = directory.resolve(name + ".jfr");
        Path cpuTime = directory.resolve(name + "-cpu.collapsed");
        Path agent = directory.resolve("libasyncProfiler.so");
        Files.deleteIfExists(recording);
        Files.deleteIfExists(cpuTime);
        try (InputStream library = ExtensionCpuShare.class.getClassLoader().getResourceAsStream(AGENT)) {
            Preconditions.checkState(library != null, "%s is not on the benchmark's classpath (tools.profiler:async-profiler)", AGENT);
            Files.copy(library, agent, StandardCopyOption.REPLACE_EXISTING);
        }
        jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=default", "filename=" + recording);
        asyncProfiler(pid, agent, "start,event=cpu,interval=" + CPU_INTERVAL);
        return new ExtensionCpuShare(pid, recording, agent, cpuTime);
    }

    private final long pid;
    private final Path recording;
    private final Path agent;
    private final Path cpuTimeProfile;
    private Share javaExecution;
    private Share cpuTime;

    private ExtensionCpuShare(long pid, Path recording, Path agent, Path cpuTimeProfile) {
        this.pid = pid;
        this.recording = recording;
        this.agent = agent;
        this.cpuTimeProfile = cpuTimeProfile;
    }

    ExtensionCpuShare stop() throws IOException, InterruptedException {
        asyncProfiler(pid, agent, "stop,collapsed,file=" + cpuTimeProfile);
        jcmd(pid, "JFR.stop", "name=" + RECORDING);
        cpuTime = measureCollapsed(cpuTimeProfile);
        javaExecution = measure(recording);
        return this;
    }

    /** The CPU-time samples of the rounds: the share of the server's CPU. */
    Share cpuTime() {
        Preconditions.checkState(cpuTime != null, "not stopped");
        return cpuTime;
    }

    /** JFR's execution samples of the rounds: the share of the time threads were caught in Java code. */
    Share javaExecution() {
        Preconditions.checkState(javaExecution != null, "not stopped");
        return javaExecution;
    }

    /**
     * async-profiler's collapsed stacks: a line per distinct stack, its frames (outermost first, {@code a/b/C.method},
     * kernel frames ending in {@code _[k]}) separated by {@code ;}, then a space and its number of samples.
     */
    static Share measureCollapsed(Path profile) throws IOException {
        Tally tally = new Tally();
        for (String line : Files.readAllLines(profile, StandardCharsets.UTF_8)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            // Frames are a/b/C.method: with dots, the package prefixes are JFR's type names' own.
            tally.add(Arrays.stream(line.substring(0, space).split(";")).map(frame -> frame.replace('/', '.')),
                Long.parseLong(line.substring(space + 1).trim()), false);
        }
        return tally.share();
    }

    static Share measure(Path recording) throws IOException {
        Tally tally = new Tally();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            tally.add(event.getStackTrace().getFrames().stream().map(ExtensionCpuShare::typeName), 1, event.getStackTrace().isTruncated());
        }
        return tally.share();
    }

    /**
     * Samples counted by where their stack stands: in the extension, in the credential check it calls (left out), or
     * elsewhere; both profilers' readings go through it.
     */
    private static final class Tally {
        private long samples;
        private long extension;
        private long credentialCheck;
        private long truncated;

        void add(Stream<String> frames, long count, boolean truncatedStack) {
            List<String> names = frames.collect(Collectors.toList());
            boolean inExtension = names.stream().anyMatch(name -> name.startsWith(EXTENSION_PACKAGE));
            boolean inCredentialCheck = names.stream().anyMatch(name -> CREDENTIAL_CHECK.stream().anyMatch(name::startsWith));
            samples += count;
            if (truncatedStack) {
                truncated += count;
            }
            if (inExtension && inCredentialCheck) {
                credentialCheck += count;
            } else if (inExtension) {
                extension += count;
            }
        }

        Share share() {
            return new Share(samples, extension, credentialCheck, truncated);
        }
    }

    private static String typeName(RecordedFrame frame) {
        return frame.getMethod() == null || frame.getMethod().getType() == null ? "" : frame.getMethod().getType().getName();
    }

    /**
     * Loads (the first time) and commands async-profiler's agent in {@code pid}: {@code jcmd}'s argument parser would
     * take the agent's {@code key=value} options for its own, hence the quotes.
     */
    private static void asyncProfiler(long pid, Path agent, String options) throws IOException, InterruptedException {
        jcmd(pid, "JVMTI.agent_load", agent.toString(), "\"" + options + "\"");
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        List<String> arguments = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        arguments.addAll(List.of(command));
        Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String lowerCase = output.toLowerCase(Locale.ROOT);
        if (process.waitFor() != 0 || lowerCase.contains("could not") || lowerCase.contains("[error]")
                || (lowerCase.contains("return code:") && !lowerCase.contains("return code: 0"))) {
            throw new IllegalStateException(String.join(" ", arguments) + " failed: " + output);
        }
    }
}

package org.jamesclientid.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The share of a server JVM's CPU samples that the extension's code costs, by a JFR recording started and stopped
 * with {@code jcmd} around the measured rounds (not the start-up nor the warm-up), JFR's default settings (execution
 * samples every 20 ms; with the profile settings, run 12 of docs/benchmarks.md measured the memory server at more
 * than twice stock's CPU per session, much of it JIT): of every execution sample
 * ({@code jdk.ExecutionSample}: a thread running Java code), those with a frame of {@code org.jamesclientid} in
 * their stack, less those also in James' credential check ({@code UsersRepositoryAuthHook}, the users repository:
 * the password check James does with or without the extension, which the extension's AUTH hook calls).
 */
final class ExtensionCpuShare {
    static final String EXTENSION_PACKAGE = "org.jamesclientid.";
    private static final List<String> CREDENTIAL_CHECK = List.of("org.apache.james.smtpserver.UsersRepositoryAuthHook",
        "org.apache.james.user.");
    private static final String RECORDING = "extension-cpu-share";

    static final class Share {
        final long samples;
        final long extensionSamples;
        final long credentialCheckSamples;
        final long truncatedStacks;

        Share(long samples, long extensionSamples, long credentialCheckSamples, long truncatedStacks) {
            this.samples = samples;
            this.extensionSamples = extensionSamples;
            this.credentialCheckSamples = credentialCheckSamples;
            this.truncatedStacks = truncatedStacks;
        }

        double share() {
            return samples == 0 ? Double.NaN : (double) extensionSamples / samples;
        }
    }

    static ExtensionCpuShare start(long pid, Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=default", "filename=" + file);
        return new ExtensionCpuShare(pid, file);
    }

    private final long pid;
    private final Path file;

    private ExtensionCpuShare(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    Share stop() throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + RECORDING);
        return measure(file);
    }

    static Share measure(Path recording) throws IOException {
        long samples = 0;
        long extension = 0;
        long credentialCheck = 0;
        long truncated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            if (event.getStackTrace().isTruncated()) {
                truncated++;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            boolean inExtension = frames.stream().anyMatch(frame -> typeName(frame).startsWith(EXTENSION_PACKAGE));
            boolean inCredentialCheck = frames.stream().anyMatch(frame -> CREDENTIAL_CHECK.stream().anyMatch(typeName(frame)::startsWith));
            if (inExtension && inCredentialCheck) {
                credentialCheck++;
            } else if (inExtension) {
                extension++;
            }
        }
        return new Share(samples, extension, credentialCheck, truncated);
    }

    private static String typeName(RecordedFrame frame) {
        return frame.getMethod() == null || frame.getMethod().getType() == null ? "" : frame.getMethod().getType().getName();
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        List<String> arguments = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        arguments.addAll(List.of(command));
        Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || output.toLowerCase(Locale.ROOT).contains("could not")) {
            throw new IllegalStateException(String.join(" ", arguments) + " failed: " + output);
        }
    }
}

package org.jamesclientid.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Joiner;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * One session of a Python standard-library client (smtplib, imaplib) driven by a script of src/test/python: the
 * commands go to its standard input, one per line; it prints one JSON object per reply.
 */
final class PythonDialogue {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private PythonDialogue() {
    }

    /**
     * @param library named in errors, e.g. {@code smtplib}
     */
    static ImmutableList<JsonNode> run(String script, String library, int port, String mode, String... commands)
            throws IOException, InterruptedException {
        Path path = Paths.get("src", "test", "python", script);
        Preconditions.checkState(Files.exists(path), "%s not found from %s", path, Paths.get("").toAbsolutePath());
        Process process = new ProcessBuilder("python3", path.toString(), "127.0.0.1", String.valueOf(port), mode)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((Joiner.on("\n").join(commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(library + " session did not end within " + TIMEOUT_SECONDS + " s: " + output);
        }
        if (process.exitValue() != 0) {
            throw new IOException(library + " session failed (exit " + process.exitValue() + "): " + output);
        }
        ImmutableList.Builder<JsonNode> replies = ImmutableList.builder();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                replies.add(JSON.readTree(line));
            }
        }
        return replies.build();
    }

    static String[] lines(JsonNode reply) {
        return JSON.convertValue(reply.get("lines"), String[].class);
    }
}

package org.jamesclientid.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Joiner;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * Python's imaplib as an IMAP client: one connection per {@link #dialogue} call, driven by
 * src/test/python/imap_dialogue.py (the commands it understands are listed there).
 */
public final class PythonImapClient {
    public enum Mode {
        STARTTLS("starttls"),
        IMPLICIT_TLS("implicit"),
        PLAIN("plain");

        private final String argument;

        Mode(String argument) {
            this.argument = argument;
        }
    }

    public static final class Reply {
        private final String command;
        private final String status;
        private final List<String> lines;

        Reply(String command, String status, List<String> lines) {
            this.command = command;
            this.status = status;
            this.lines = lines;
        }

        public String command() {
            return command;
        }

        /**
         * OK, NO, BAD, or BYE when the server ended the connection.
         */
        public String status() {
            return status;
        }

        /**
         * What the server sent for this command, the tag shown as {@code TAG}.
         */
        public List<String> lines() {
            return lines;
        }

        /**
         * The tagged status line (the last one).
         */
        public String tagged() {
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        @Override
        public String toString() {
            return command + " -> " + status + " " + lines;
        }
    }

    private static final Path SCRIPT = Paths.get("src", "test", "python", "imap_dialogue.py");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final int port;
    private final Mode mode;

    public PythonImapClient(int port, Mode mode) {
        this.port = port;
        this.mode = mode;
    }

    public List<Reply> dialogue(String... commands) throws IOException, InterruptedException {
        Preconditions.checkState(Files.exists(SCRIPT), "%s not found from %s", SCRIPT, Paths.get("").toAbsolutePath());
        Process process = new ProcessBuilder("python3", SCRIPT.toString(), "127.0.0.1", String.valueOf(port), mode.argument)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((Joiner.on("\n").join(commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("imaplib session did not end within " + TIMEOUT_SECONDS + " s: " + output);
        }
        if (process.exitValue() != 0) {
            throw new IOException("imaplib session failed (exit " + process.exitValue() + "): " + output);
        }
        ImmutableList.Builder<Reply> replies = ImmutableList.builder();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                replies.add(new Reply(node.get("command").asText(), node.get("status").asText(),
                    Arrays.asList(JSON.convertValue(node.get("lines"), String[].class))));
            }
        }
        return replies.build();
    }
}

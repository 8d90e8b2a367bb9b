package org.jamesclientid.it;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

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


    private final int port;
    private final Mode mode;

    public PythonImapClient(int port, Mode mode) {
        this.port = port;
        this.mode = mode;
    }

    public List<Reply> dialogue(String... commands) throws IOException, InterruptedException {
        return PythonDialogue.run("imap_dialogue.py", "imaplib", port, mode.argument, commands).stream()
            .map(node -> new Reply(node.get("command").asText(), node.get("status").asText(), Arrays.asList(PythonDialogue.lines(node))))
            .collect(ImmutableList.toImmutableList());
    }
}

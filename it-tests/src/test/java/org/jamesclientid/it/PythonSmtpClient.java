package org.jamesclientid.it;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;

/**
 * Python's smtplib as an SMTP client: one session per {@link #dialogue} call, driven by
 * src/test/python/smtp_dialogue.py.
 */
public final class PythonSmtpClient {
    public enum Mode {
        STARTTLS("starttls"),
        IMPLICIT_TLS("implicit");

        private final String argument;

        Mode(String argument) {
            this.argument = argument;
        }
    }

    public static final class Reply {
        private final String command;
        private final int code;
        private final List<String> lines;

        Reply(String command, int code, List<String> lines) {
            this.command = command;
            this.code = code;
            this.lines = lines;
        }

        public String command() {
            return command;
        }

        public int code() {
            return code;
        }

        public List<String> lines() {
            return lines;
        }

        public String text() {
            return Joiner.on('\n').join(lines);
        }

        @Override
        public String toString() {
            return command + " -> " + code + " " + lines;
        }
    }


    private final int port;
    private final Mode mode;

    public PythonSmtpClient(int port, Mode mode) {
        this.port = port;
        this.mode = mode;
    }

    public List<Reply> dialogue(String... commands) throws IOException, InterruptedException {
        return PythonDialogue.run("smtp_dialogue.py", "smtplib", port, mode.argument, commands).stream()
            .map(node -> new Reply(node.get("command").asText(), node.get("code").asInt(), Arrays.asList(PythonDialogue.lines(node))))
            .collect(ImmutableList.toImmutableList());
    }
}

package org.jamesclientid.it;

import java.io.IOException;
import java.util.List;

import com.google.common.collect.ImmutableList;

/**
 * Python's poplib as a POP3 client: one connection per {@link #dialogue} call, driven by
 * src/test/python/pop3_dialogue.py (the commands it understands are listed there).
 */
public final class PythonPop3Client {
    public enum Mode {
        STARTTLS("starttls"),
        PLAIN("plain");

        private final String argument;

        Mode(String argument) {
            this.argument = argument;
        }
    }

    private final int port;
    private final Mode mode;

    public PythonPop3Client(int port, Mode mode) {
        this.port = port;
        this.mode = mode;
    }

    /**
     * The server's reply line to each command ({@code +OK ...}, {@code -ERR ...}, or {@code CLOSED}), the STLS
     * reply first in STARTTLS mode.
     */
    public List<String> dialogue(String... commands) throws IOException, InterruptedException {
        return PythonDialogue.run("pop3_dialogue.py", "poplib", port, mode.argument, commands).stream()
            .map(node -> node.get("reply").asText())
            .collect(ImmutableList.toImmutableList());
    }
}

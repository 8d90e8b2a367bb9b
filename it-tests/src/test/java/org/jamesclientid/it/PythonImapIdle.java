package org.jamesclientid.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Preconditions;

/**
 * Python's imaplib signed in with a device and waiting in IDLE on INBOX (src/test/python/imap_idle.py): what the
 * server sends from then on, as it comes.
 */
final class PythonImapIdle implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Signs in over implicit TLS with {@code CLIENTID UUID <token>} and LOGIN, selects INBOX, and returns once the
     * server accepted IDLE.
     */
    static PythonImapIdle start(int imapsPort, String user, String password, String token) throws IOException, InterruptedException {
        Path script = Paths.get("src", "test", "python", "imap_idle.py");
        Preconditions.checkState(Files.exists(script), "%s not found from %s", script, Paths.get("").toAbsolutePath());
        Process process = new ProcessBuilder("python3", script.toString(), "127.0.0.1", String.valueOf(imapsPort), "implicit",
            user, password, "UUID", token)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        PythonImapIdle idle = new PythonImapIdle(process);
        JsonNode first = idle.next(START_TIMEOUT)
            .orElseThrow(() -> new IOException("imaplib did not reach IDLE within " + START_TIMEOUT));
        if (!first.path("event").asText().equals("idling")) {
            idle.close();
            throw new IOException("imaplib did not reach IDLE: " + first);
        }
        return idle;
    }

    private final Process process;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private PythonImapIdle(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readEvents, "imaplib-idle-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readEvents() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next event ({@code line} with the server's line, or {@code closed}), if one comes within {@code timeout}.
     */
    Optional<JsonNode> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Ends the IDLE: the server's tagged reply comes as the next line.
     */
    void done() throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write("DONE\n".getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

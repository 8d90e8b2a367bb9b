package org.jamesclientid.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Full submission sessions on port 587, each on a new TCP and TLS connection: EHLO, STARTTLS, EHLO, the
 * {@link ExtraCommand} (CLIENTID when the server has the extension), AUTH PLAIN, MAIL, RCPT, DATA (1 KB), QUIT.
 * Every reply is checked.
 */
final class SubmissionLoadClient {
    static final String HOST = "127.0.0.1";
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    private static final String MESSAGE = message();

    static final class Run {
        final int sessions;
        final long wallNanos;
        final List<String> errors;

        Run(int sessions, long wallNanos, List<String> errors) {
            this.sessions = sessions;
            this.wallNanos = wallNanos;
            this.errors = errors;
        }

        double sessionsPerSecond() {
            return sessions * 1e9 / wallNanos;
        }
    }

    private final SSLContext tls;
    private final AtomicInteger connectionCounter = new AtomicInteger();

    SubmissionLoadClient() throws Exception {
        this.tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    }

    /**
     * Runs {@code sessions} sessions with {@code concurrency} at a time, account i % accounts.size() with its own
     * device token. Errors (at most a few kept) name the step and the reply, never the token.
     */
    /**
     * The command sent between the second EHLO and AUTH.
     */
    enum ExtraCommand {
        NONE,
        /** The same round trip as CLIENTID, to a server without it: what one more command costs James. */
        NOOP,
        CLIENTID
    }

    Run run(int port, int sessions, int concurrency, List<BenchAccount> accounts, ExtraCommand extraCommand) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger errorCount = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                done.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < sessions; i = next.getAndIncrement()) {
                        BenchAccount account = accounts.get(i % accounts.size());
                        Optional<String> error = session(port, account, extraCommand);
                        if (error.isPresent() && errorCount.incrementAndGet() <= 5) {
                            errors.add(error.get());
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            workers.shutdownNow();
        }
        long wall = System.nanoTime() - start;
        List<String> kept = new ArrayList<>(errors);
        if (errorCount.get() > kept.size()) {
            kept.add("... " + errorCount.get() + " failed sessions in all");
        }
        return new Run(sessions, wall, kept);
    }

    private Optional<String> session(int port, BenchAccount account, ExtraCommand extraCommand) {
        try (Socket plain = new Socket()) {
            // Each command is one write then a read: without this, Nagle's algorithm against delayed ACKs on loopback
            // adds ~40 ms waits to a session (the server's CPU per session does not change, sessions/s does).
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(HOST, port), (int) SOCKET_TIMEOUT.toMillis());
            plain.setSoTimeout((int) SOCKET_TIMEOUT.toMillis());
            Dialogue dialogue = new Dialogue(plain);
            dialogue.expect("greeting", 220);
            dialogue.command("EHLO bench.example", 250);
            dialogue.command("STARTTLS", 220);
            // A peer name of its own per connection: the client's session cache never resumes, every session pays a
            // full handshake as a new client would.
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain,
                "bench-" + connectionCounter.incrementAndGet() + ".invalid", port, true);
            secure.startHandshake();
            dialogue = new Dialogue(secure);
            dialogue.command("EHLO bench.example", 250);
            if (extraCommand == ExtraCommand.CLIENTID) {
                dialogue.command("CLIENTID UUID " + account.deviceToken, 250);
            } else if (extraCommand == ExtraCommand.NOOP) {
                dialogue.command("NOOP", 250);
            }
            dialogue.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0" + account.username + "\0" + account.password)
                .getBytes(StandardCharsets.UTF_8)), 235);
            dialogue.command("MAIL FROM:<" + account.username + ">", 250);
            dialogue.command("RCPT TO:<" + account.username + ">", 250);
            dialogue.command("DATA", 354);
            dialogue.command(MESSAGE + ".", 250);
            dialogue.command("QUIT", 221);
            return Optional.empty();
        } catch (UnexpectedReply e) {
            return Optional.of(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Optional.of(e.toString());
        }
    }

    private static String message() {
        StringBuilder message = new StringBuilder()
            .append("Subject: benchmark\r\n")
            .append("Message-ID: <bench@example.com>\r\n")
            .append("\r\n");
        String line = "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\r\n";
        while (message.length() + line.length() <= 1024) {
            message.append(line);
        }
        return message.toString();
    }

    private static final class UnexpectedReply extends IOException {
        UnexpectedReply(String message) {
            super(message);
        }
    }

    private static final class Dialogue {
        private final BufferedReader in;
        private final OutputStream out;

        Dialogue(Socket socket) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = socket.getOutputStream();
        }

        void command(String line, int expectedCode) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The verb only: CLIENTID and AUTH arguments are secrets.
            expect(line.split(" ", 2)[0], expectedCode);
        }

        void expect(String step, int expectedCode) throws IOException {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new UnexpectedReply(step + ": connection closed");
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(expectedCode + " ")) {
                throw new UnexpectedReply(step + ": expected " + expectedCode + ", got " + line);
            }
        }
    }

    /**
     * The benchmark servers use a throw-away self-signed certificate on loopback.
     */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

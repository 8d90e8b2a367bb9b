package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.apache.commons.net.util.TrustManagerUtils;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableSet;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Thousands of random and adversarial CLIENTID lines on real TLS sessions: the server only ever answers
 * 250/500/501/502/503 (or closes a connection whose line broke the 8 KiB line limit), keeps serving a well-behaved
 * client meanwhile, and never logs a token. Deterministic: the seed is printed and can be replayed with
 * -Dclientid.fuzz.seed=N.
 */
class ClientIdWireFuzzTest {
    private static final Set<Integer> ALLOWED_CODES = ImmutableSet.of(250, 500, 501, 502, 503);
    private static final String CANARY = "FuzzCanary";
    private static final int LINES = 3000;
    private static final int BURST = 50;

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.memoryServer();

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @AfterEach
    void stopCapture() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    }

    /**
     * One raw TLS connection: bytes out, reply lines in.
     */
    private static final class RawSession implements AutoCloseable {
        private final SSLSocket socket;
        private final InputStream in;
        private final OutputStream out;

        RawSession(int port) throws Exception {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {TrustManagerUtils.getAcceptAllTrustManager()}, null);
            socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            readReply();
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /**
         * @return the next reply line, or null when the server closed the connection
         */
        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    return line.toString(StandardCharsets.US_ASCII).replace("\r", "");
                }
                line.write(b);
            }
            return null;
        }

        List<String> readReply() throws IOException {
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = readLine();
                if (line == null) {
                    return lines;
                }
                lines.add(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            return lines;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] crlf(byte[] line) {
        byte[] withCrlf = new byte[line.length + 2];
        System.arraycopy(line, 0, withCrlf, 0, line.length);
        withCrlf[line.length] = '\r';
        withCrlf[line.length + 1] = '\n';
        return withCrlf;
    }

    private static byte[] fuzzLine(Random random, int n) {
        String canary = CANARY + n;
        switch (random.nextInt(10)) {
            case 0:
                return ("CLIENTID UUID " + canary + randomPrintable(random, random.nextInt(200))).getBytes(StandardCharsets.US_ASCII);
            case 1:
                return ("CLIENTID " + randomPrintable(random, random.nextInt(30)) + " " + canary).getBytes(StandardCharsets.US_ASCII);
            case 2:
                return concat(("CLIENTID UUID " + canary).getBytes(StandardCharsets.US_ASCII), randomBytes(random, random.nextInt(64)));
            case 3:
                return ("CLIENTID UUID " + canary + "\0" + randomPrintable(random, 10)).getBytes(StandardCharsets.US_ASCII);
            case 4:
                return ("CLIENTID UUID " + canary + "\r" + randomPrintable(random, 10)).getBytes(StandardCharsets.US_ASCII);
            case 5:
                return ("CLIENTID UUID " + canary + "-é-日本-\uD83D\uDE00").getBytes(StandardCharsets.UTF_8);
            case 6:
                return ("CLIENTID" + " ".repeat(random.nextInt(5)) + "\t" + canary + " ".repeat(random.nextInt(5))).getBytes(StandardCharsets.US_ASCII);
            case 7:
                return ("clientid " + randomPrintable(random, 1 + random.nextInt(16)) + " " + canary + " extra").getBytes(StandardCharsets.US_ASCII);
            case 8:
                return ("CLIENTID " + canary).getBytes(StandardCharsets.US_ASCII);
            default:
                return ("CLIENTID X " + canary + "\n" + "CLIENTID Y " + canary).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static String randomPrintable(Random random, int length) {
        StringBuilder builder = new StringBuilder();
        for (int i = 0; i < length; i++) {
            builder.append((char) (0x20 + random.nextInt(0x5F)));
        }
        return builder.toString();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                bytes[i] = ' ';
            }
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    /**
     * Sends a burst of lines without waiting, then an EHLO marker, and returns every reply code before the marker's
     * reply. EHLO also starts the CLIENTID state over, so the next burst can get 250 again.
     */
    private static List<Integer> burst(RawSession session, List<byte[]> lines, int marker) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            bytes.write(crlf(line));
        }
        bytes.write(crlf(("EHLO marker-" + marker).getBytes(StandardCharsets.US_ASCII)));
        session.send(bytes.toByteArray());
        List<Integer> codes = new ArrayList<>();
        while (true) {
            List<String> reply = session.readReply();
            assertThat(reply).as("the server closed the session during burst %s", marker).isNotEmpty();
            if (reply.get(0).contains("Hello marker-" + marker + " ")) {
                return codes;
            }
            codes.add(Integer.parseInt(reply.get(0).substring(0, 3)));
        }
    }

    @Test
    @DisplayName("Fuzz: 3000 random CLIENTID lines in bursts: only 250/500/501/502/503, and no token in the log")
    void randomClientIdLinesShouldOnlyGetProtocolRepliesWhenSentInBursts(GuiceJamesServer server) throws Exception {
        long seed = Long.getLong("clientid.fuzz.seed", new SecureRandom().nextLong());
        System.out.println("ClientIdWireFuzzTest seed: " + seed);
        Random random = new Random(seed);
        ClientIdJamesServers.createUsers(server);
        int port = ClientIdJamesServers.smtpsPort(server);
        List<Integer> codes = new ArrayList<>();

        try (RawSession session = new RawSession(port)) {
            session.send(crlf("EHLO fuzz.example".getBytes(StandardCharsets.US_ASCII)));
            session.readReply();
            for (int sent = 0; sent < LINES; sent += BURST) {
                List<byte[]> lines = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    lines.add(fuzzLine(random, sent + i));
                }
                codes.addAll(burst(session, lines, sent));
            }
        }

        assertThat(codes).hasSizeGreaterThanOrEqualTo(LINES);
        assertThat(codes.stream().filter(code -> !ALLOWED_CODES.contains(code)).collect(Collectors.toList()))
            .as("replies outside 250/500/501/502/503 (seed %s)", seed)
            .isEmpty();
        assertThat(codes).as("some lines were well formed").contains(250);
        assertThat(appender.list).noneMatch(event -> event.getFormattedMessage().contains(CANARY));
    }

    @Test
    @DisplayName("Fuzz: 1 MB of spaces after CLIENTID breaks the line limit: a 500 or a close, and the server keeps serving")
    void megabyteLineShouldBeRefusedWhileOtherSessionsAreServed(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);
        int port = ClientIdJamesServers.smtpsPort(server);

        try (RawSession session = new RawSession(port)) {
            session.send(crlf("EHLO fuzz.example".getBytes(StandardCharsets.US_ASCII)));
            session.readReply();
            session.send(crlf(("CLIENTID UUID " + " ".repeat(1024 * 1024) + CANARY).getBytes(StandardCharsets.US_ASCII)));
            List<String> reply = session.readReply();
            if (!reply.isEmpty()) {
                assertThat(reply.get(0)).startsWith("500");
            }
        }

        List<PythonSmtpClient.Reply> replies = new PythonSmtpClient(port, Mode.IMPLICIT_TLS).dialogue(
            "EHLO client.example",
            "CLIENTID UUID 23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3",
            "AUTH PLAIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD);
        assertThat(replies.get(1).code()).isEqualTo(250);
        assertThat(replies.get(2).code()).isEqualTo(235);
        assertThat(appender.list).noneMatch(event -> event.getFormattedMessage().contains(CANARY));
    }
}

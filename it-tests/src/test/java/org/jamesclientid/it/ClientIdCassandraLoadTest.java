package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.apache.commons.net.util.TrustManagerUtils;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * 200 TLS sessions held open at once against one James with the Cassandra device store (mode observe): each presents
 * its own device, all reach AUTH together, and every device must be recorded. A correctness test under concurrency,
 * never a timing one: nothing here measures or asserts speed.
 */
class ClientIdCassandraLoadTest {
    private static final String SECRET = "clientid.secret=load-test-secret-0123456789abcdef0123456789";
    private static final int SESSIONS = 200;
    private static final int ACCOUNTS = 20;
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    // Generous: 200 TLS handshakes and PBKDF2 checks share 2 cores with Cassandra and the build.
    private static final Duration ALL_CONNECTED_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    @Order(1)
    static CassandraExtension cassandra = new CassandraExtension();

    static JamesCqlSessions sessions = new JamesCqlSessions(cassandra);

    @RegisterExtension
    @Order(2)
    static JamesServerExtension james = ClientIdJamesServers.builder()
        .clientIdProperties(SECRET, "clientid.mode=observe")
        .cassandraStore(sessions)
        .build();

    @AfterAll
    static void closeSessions() {
        sessions.close();
    }

    private static String account(int index) {
        return String.format("load-%02d@%s", index, ClientIdJamesServers.DOMAIN);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("200 concurrent TLS sessions, each with its own device, all authenticated and all devices recorded")
    void everyDeviceShouldBeRecordedWhenTwoHundredSessionsAuthenticateConcurrently() throws Exception {
        GuiceJamesServer server = james.getGuiceJamesServer();
        String[] accounts = IntStream.range(0, ACCOUNTS).mapToObj(ClientIdCassandraLoadTest::account).toArray(String[]::new);
        ClientIdJamesServers.createUsers(server, accounts);
        int port = ClientIdJamesServers.smtpsPort(server);
        SSLContext tls = trustAll();

        List<String> tokens = IntStream.range(0, SESSIONS).mapToObj(i -> UUID.randomUUID().toString()).collect(ImmutableList.toImmutableList());
        CountDownLatch allPastEhlo = new CountDownLatch(SESSIONS);
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                int session = i;
                done.add(clients.submit(() -> runSession(tls, port, session, accounts[session % ACCOUNTS], tokens.get(session), allPastEhlo, errors)));
            }
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(errors).as("protocol errors (session: step and reply)").isEmpty();

        ClientIdTestProbe probe = server.getProbe(ClientIdTestProbe.class);
        Map<String, Set<DeviceId>> recorded = IntStream.range(0, ACCOUNTS).boxed().collect(Collectors.toMap(
            ClientIdCassandraLoadTest::account,
            index -> probe.devices(account(index)).stream().map(Device::getId).collect(ImmutableSet.toImmutableSet())));
        assertThat(recorded.values().stream().mapToInt(Set::size).sum()).as("devices recorded across accounts").isEqualTo(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            assertThat(recorded.get(accounts[i % ACCOUNTS])).as("session %d's device, on its account", i)
                .contains(probe.deviceId("UUID", tokens.get(i)));
        }
    }

    /**
     * One session: EHLO and CLIENTID, then waits until every session is that far, then AUTH PLAIN and QUIT. Any
     * unexpected reply is added to {@code errors} naming the session and the step, never the token.
     */
    private static void runSession(SSLContext tls, int port, int session, String account, String token,
                                   CountDownLatch allPastEhlo, ConcurrentLinkedQueue<String> errors) {
        boolean counted = false;
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(StockJamesServer.HOST, port)) {
            socket.setSoTimeout((int) SOCKET_TIMEOUT.toMillis());
            socket.startHandshake();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();

            expect(session, "greeting", readReply(in), 220, errors);
            send(out, "EHLO load-" + session + ".example");
            List<String> ehlo = readReply(in);
            expect(session, "EHLO", ehlo, 250, errors);
            if (ehlo.stream().noneMatch(line -> line.substring(4).startsWith("CLIENTID"))) {
                errors.add("session " + session + ": EHLO does not advertise CLIENTID");
            }
            send(out, "CLIENTID UUID " + token);
            expect(session, "CLIENTID", readReply(in), 250, errors);

            allPastEhlo.countDown();
            counted = true;
            if (!allPastEhlo.await(ALL_CONNECTED_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                errors.add("session " + session + ": not every session got past EHLO within " + ALL_CONNECTED_TIMEOUT.toSeconds() + " s");
            }

            String plain = Base64.getEncoder().encodeToString(("\0" + account + "\0" + ClientIdJamesServers.passwordOf(account))
                .getBytes(StandardCharsets.UTF_8));
            send(out, "AUTH PLAIN " + plain);
            expect(session, "AUTH", readReply(in), 235, errors);
            send(out, "QUIT");
            expect(session, "QUIT", readReply(in), 221, errors);
        } catch (IOException | RuntimeException e) {
            errors.add("session " + session + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add("session " + session + ": interrupted");
        } finally {
            if (!counted) {
                // A session that failed early must not keep the others waiting for the whole timeout.
                allPastEhlo.countDown();
            }
        }
    }

    private static void expect(int session, String step, List<String> reply, int code, ConcurrentLinkedQueue<String> errors) {
        if (reply.isEmpty() || !reply.get(reply.size() - 1).startsWith(code + " ")) {
            errors.add("session " + session + ": " + step + " expected " + code + ", got " + reply);
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * The lines of one reply, through the last one ({@code "250 ..."} rather than {@code "250-..."}); empty at end
     * of stream.
     */
    private static List<String> readReply(BufferedReader in) throws IOException {
        ImmutableList.Builder<String> lines = ImmutableList.builder();
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                break;
            }
        }
        return lines.build();
    }

    private static SSLContext trustAll() throws Exception {
        // James' test keystore is self-signed.
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {TrustManagerUtils.getAcceptAllTrustManager()}, null);
        return context;
    }
}

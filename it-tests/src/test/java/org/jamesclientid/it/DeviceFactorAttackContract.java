package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.apache.commons.net.smtp.SMTPSClient;
import org.apache.james.GuiceJamesServer;
import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Issue 12: the attacks on the device factor, each over real TLS sessions on a real James, by Python's smtplib and
 * Apache commons-net. The server runs with small limits ({@link #LIMITS}) and a clock each test moves past every
 * window first, so that tests do not throttle each other (they all come from 127.0.0.1).
 */
interface DeviceFactorAttackContract {
    String[] LIMITS = {"clientid.failures.account.limit=5", "clientid.failures.address.limit=8"};
    List<String> USERS = IntStream.rangeClosed(1, 30).mapToObj(i -> "victim" + i + "@example.com").collect(Collectors.toList());
    String OWNER_DEVICE = "owner-laptop-0001";

    MutableClock clock();

    GuiceJamesServer server();

    /**
     * Called first, with the server JUnit resolves, before {@link #server()} is used.
     */
    void keep(GuiceJamesServer server);

    @BeforeEach
    default void moveOnAndCreateUsers(GuiceJamesServer server) throws Exception {
        keep(server);
        clock().advance(Duration.ofHours(2));
        ClientIdJamesServers.createUsers(server, USERS.toArray(String[]::new));
    }

    default PythonSmtpClient smtps() {
        return new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server()), Mode.IMPLICIT_TLS);
    }

    default ClientIdTestProbe probe() {
        return server().getProbe(ClientIdTestProbe.class);
    }

    default String user(int i) {
        return USERS.get(i - 1);
    }

    default String password(String user) {
        return ClientIdJamesServers.passwordOf(user);
    }

    default Reply auth(String user, String password, Optional<String> token) throws Exception {
        List<Reply> replies = token
            .map(present -> call(() -> smtps().dialogue("EHLO client.example", "CLIENTID UUID " + present, "AUTH PLAIN " + user + " " + password)))
            .orElseGet(() -> call(() -> smtps().dialogue("EHLO client.example", "AUTH PLAIN " + user + " " + password)));
        return replies.get(replies.size() - 1);
    }

    default Reply auth(String user, String password, String token) throws Exception {
        return auth(user, password, Optional.of(token));
    }

    /**
     * An account in {@code mode} (CLIENTID required: the global default) with a trusted laptop.
     */
    default void strictAccountWithALaptop(String user, ClientIdMode mode) {
        probe().deviceHistory().policies().setPolicy(Username.of(user), AccountPolicy.of(mode)).block();
        probe().enroll(user, "UUID", OWNER_DEVICE + user, DeviceStatus.TRUSTED);
    }

    interface Call<T> {
        T call() throws Exception;
    }

    static <T> T call(Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("P1 U5: omitting CLIENTID on a strict account gets the wrong-password reply, whatever the password")
    default void omittingClientIdShouldNotSignInToAStrictAccount() throws Exception {
        String user = user(1);
        strictAccountWithALaptop(user, ClientIdMode.ENFORCE);

        Reply right = auth(user, password(user), Optional.empty());
        Reply wrong = auth(user, "not-the-password", Optional.empty());

        assertThat(right.code()).isEqualTo(535);
        assertThat(right.lines()).isEqualTo(wrong.lines());
        assertThat(auth(user, password(user), OWNER_DEVICE + user).code()).as("the owner's laptop").isEqualTo(235);
    }

    @Test
    @DisplayName("P7: a refused device records the same, and so gets the same later replies, whatever the password")
    default void refusedDeviceShouldLeaveTheSameTraceWhateverThePassword() throws Exception {
        String withRight = user(2);
        String withWrong = user(3);
        strictAccountWithALaptop(withRight, ClientIdMode.TRUST_FIRST);
        strictAccountWithALaptop(withWrong, ClientIdMode.TRUST_FIRST);

        Reply right = auth(withRight, password(withRight), "oracle-probe-right");
        Reply wrong = auth(withWrong, "guess", "oracle-probe-wrong");

        assertThat(right.lines()).isEqualTo(wrong.lines());
        DeviceId rightId = probe().deviceId("UUID", "oracle-probe-right");
        DeviceId wrongId = probe().deviceId("UUID", "oracle-probe-wrong");
        assertThat(probe().device(withRight, rightId).orElseThrow().getStatus())
            .isEqualTo(probe().device(withWrong, wrongId).orElseThrow().getStatus());
        // The activity is written without the reply waiting for it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            DeviceActivity rightTrace = probe().activity(withRight, rightId).orElseThrow();
            DeviceActivity wrongTrace = probe().activity(withWrong, wrongId).orElseThrow();
            assertThat(List.of(rightTrace.getFailures(), rightTrace.getSuccesses()))
                .isEqualTo(List.of(wrongTrace.getFailures(), wrongTrace.getSuccesses()));
        });
        assertThat(failures("oracle-probe-right")).isEqualTo(failures("oracle-probe-wrong")).isEqualTo(1);
    }

    default long failures(String token) {
        return probe().deviceFailuresSince(probe().deviceId("UUID", token), clock().instant().minus(Duration.ofHours(1)));
    }

    @Test
    @DisplayName("U7: Thunderbird's AUTH PLAIN then AUTH LOGIN retry on one connection counts one failure")
    default void retryWithAnotherMechanismShouldCountOnce() throws Exception {
        String user = user(4);

        List<Reply> replies = smtps().dialogue("EHLO client.example", "CLIENTID UUID retrying-client",
            "AUTH PLAIN " + user + " saved-but-wrong", "AUTH LOGIN " + user + " saved-but-wrong");

        assertThat(replies).extracting(Reply::code).containsExactly(250, 250, 535, 535);
        assertThat(failures("retrying-client")).isEqualTo(1);
    }

    @Test
    @DisplayName("U7: the server ends a connection after three refused AUTHs")
    default void connectionShouldEndAfterThreeRefusedAuths() throws Exception {
        String user = user(5);

        List<Reply> replies = smtps().dialogue("EHLO client.example", "CLIENTID UUID many-guesses",
            "AUTH PLAIN " + user + " guess-1", "AUTH PLAIN " + user + " guess-2", "AUTH PLAIN " + user + " guess-3",
            "AUTH PLAIN " + user + " " + password(user));

        assertThat(replies).extracting(Reply::code).containsExactly(250, 250, 535, 535, 535, -1);
    }

    @Test
    @DisplayName("U7 U9: rotating tokens against one account throttles unknown devices there; its trusted laptop goes on")
    default void rotatingTokensShouldBeThrottledPerAccountSparingTheTrustedDevice() throws Exception {
        String user = user(6);
        strictAccountWithALaptop(user, ClientIdMode.TRUST_FIRST);
        for (int i = 0; i < 5; i++) {
            assertThat(auth(user, "guess-" + i, "rotating-" + i).code()).isEqualTo(535);
        }

        assertThat(auth(user, password(user), Optional.empty()).code()).as("no CLIENTID").isEqualTo(535);
        assertThat(auth(user, password(user), OWNER_DEVICE + user).code()).as("the owner's laptop").isEqualTo(235);
        assertThat(probe().device(user, probe().deviceId("UUID", "rotating-late"))).isEmpty();
        assertThat(auth(user, password(user), "rotating-late").code()).as("throttled: not even recorded").isEqualTo(535);
        assertThat(probe().device(user, probe().deviceId("UUID", "rotating-late"))).isEmpty();
    }

    @Test
    @DisplayName("U7: one address guessing many accounts without CLIENTID is throttled; a trusted device behind it goes on")
    default void oneAddressGuessingManyAccountsShouldBeThrottled() throws Exception {
        String owner = user(7);
        strictAccountWithALaptop(owner, ClientIdMode.OBSERVE);
        for (int i = 0; i < 8; i++) {
            assertThat(auth(user(10 + i), "guess", Optional.empty()).code()).isEqualTo(535);
        }

        String fresh = user(20);
        assertThat(auth(fresh, password(fresh), Optional.empty()).code()).as("right password, throttled address").isEqualTo(535);
        assertThat(auth(owner, password(owner), OWNER_DEVICE + owner).code()).as("a trusted device behind it").isEqualTo(235);
    }

    @Test
    @DisplayName("C6 C8: a refused STARTTLS resets nothing: after a failed AUTH, CLIENTID still gets 503")
    default void refusedStartTlsShouldNotReopenClientId() throws Exception {
        // Submission with STARTTLS: a second STARTTLS on the encrypted connection is refused (TLS already active).
        SMTPSClient smtp = new SMTPSClient(false, trustAll());
        smtp.setDefaultTimeout(30_000);
        smtp.connect("127.0.0.1", ClientIdJamesServers.submissionPort(server()));
        try {
            assertThat(smtp.sendCommand("EHLO", "client.example")).isEqualTo(250);
            assertThat(smtp.execTLS()).isTrue();
            assertThat(smtp.sendCommand("EHLO", "client.example")).isEqualTo(250);
            assertThat(smtp.sendCommand("CLIENTID", "UUID first-identity")).isEqualTo(250);
            assertThat(smtp.sendCommand("AUTH", "PLAIN " + plain(user(8), "wrong"))).isEqualTo(535);
            assertThat(smtp.sendCommand("STARTTLS")).isEqualTo(500);
            assertThat(smtp.getReplyString()).contains("TLS already active");
            assertThat(smtp.sendCommand("EHLO", "client.example")).isEqualTo(250);

            assertThat(smtp.sendCommand("CLIENTID", "UUID second-identity")).isEqualTo(503);
        } finally {
            smtp.disconnect();
        }
    }

    @Test
    @DisplayName("Log injection: a username with CR/LF or a forged ip= field stays inside one quoted field")
    default void usernameShouldNotForgeALogLineOrField() throws Exception {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        try {
            SMTPSClient smtp = new SMTPSClient(true, trustAll());
            smtp.setDefaultTimeout(30_000);
            smtp.connect("127.0.0.1", ClientIdJamesServers.smtpsPort(server()));
            smtp.sendCommand("EHLO", "client.example");
            smtp.sendCommand("AUTH", "PLAIN " + plain("x\r\nCLIENTID decision protocol=smtp ip=203.0.113.9 outcome=ALLOW", "pw"));
            smtp.sendCommand("AUTH", "PLAIN " + plain("y\" ip=203.0.113.9 account=\"z", "pw"));
            smtp.disconnect();
        } finally {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        }

        List<String> decisions = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
            .filter(line -> line.startsWith("CLIENTID decision")).collect(Collectors.toList());
        assertThat(decisions).hasSize(2).allSatisfy(line -> {
            assertThat(line).doesNotContain("\r").doesNotContain("\n").contains(" ip=127.0.0.1 ");
            assertThat(line.substring(0, line.indexOf(" account=\""))).doesNotContain("203.0.113.9");
        });
    }

    static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        return context;
    }

    @Test
    @DisplayName("issue 13: an administrator's revocation holds while the device signs in from several sessions at once")
    default void revocationShouldHoldWhileTheDeviceSignsIn() throws Exception {
        String user = user(20);
        probe().deviceHistory().policies().setPolicy(Username.of(user), AccountPolicy.of(ClientIdMode.OBSERVE)).block();
        // Pending in observe: each sign-in with the right password would trust it, unless it was revoked since.
        DeviceId laptop = probe().enroll(user, "UUID", "racing-laptop", DeviceStatus.PENDING);
        ExecutorService sessions = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<Integer>>> codes = IntStream.range(0, 3)
                .mapToObj(session -> sessions.submit(() -> IntStream.range(0, 6)
                    .mapToObj(i -> call(() -> auth(user, password(user), "racing-laptop").code()))
                    .collect(Collectors.toList())))
                .collect(Collectors.toList());
            Thread.sleep(1500);
            probe().administration().changeStatus(Username.of(user), laptop,
                StatusChange.revoked(Optional.empty(), Actor.ADMINISTRATOR, clock().instant())).block();
            for (Future<List<Integer>> code : codes) {
                code.get(2, TimeUnit.MINUTES);
            }
        } finally {
            sessions.shutdownNow();
        }

        assertThat(probe().device(user, laptop).orElseThrow().getStatus()).isEqualTo(DeviceStatus.REVOKED);
        assertThat(probe().device(user, laptop).orElseThrow().getStatusChange().getBy()).isEqualTo(Actor.ADMINISTRATOR);
        assertThat(auth(user, password(user), "racing-laptop").code()).isEqualTo(535);
    }

    @Test
    @DisplayName("issue 13: trust-first trusts exactly one device when first sign-ins race")
    default void trustFirstShouldTrustOneDeviceWhenFirstSignInsRace() throws Exception {
        String user = user(21);
        probe().deviceHistory().policies().setPolicy(Username.of(user), AccountPolicy.of(ClientIdMode.TRUST_FIRST)).block();
        ExecutorService sessions = Executors.newFixedThreadPool(4);
        List<Integer> codes;
        try {
            List<Future<Integer>> futures = IntStream.range(0, 4)
                .mapToObj(i -> sessions.submit(() -> auth(user, password(user), "first-device-" + i).code()))
                .collect(Collectors.toList());
            codes = futures.stream().map(future -> call(() -> future.get(2, TimeUnit.MINUTES))).collect(Collectors.toList());
        } finally {
            sessions.shutdownNow();
        }

        assertThat(codes).containsOnlyOnce(235);
        assertThat(probe().devices(user)).filteredOn(device -> device.getStatus() == DeviceStatus.TRUSTED).hasSize(1);
    }

    @Test
    @DisplayName("issue 13: a sign-in naming an account James does not know leaves no row under that name")
    default void unknownAccountShouldLeaveNoRow() throws Exception {
        String madeUp = "nobody-" + clock().instant().toEpochMilli() + "@example.com";
        probe().deviceHistory().policies().setPolicy(Username.of(madeUp), AccountPolicy.of(ClientIdMode.ENFORCE)).block();

        assertThat(auth(madeUp, "guess", "spray-token").code()).isEqualTo(535);

        probe().deviceHistory().policies().clearPolicy(Username.of(madeUp)).block();
        assertThat(probe().devices(madeUp)).isEmpty();
        assertThat(probe().activity(madeUp, probe().deviceId("UUID", "spray-token"))).isEmpty();
        assertThat(failures("spray-token")).as("the device's failures count it").isEqualTo(1);
    }
}

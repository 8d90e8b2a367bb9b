package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

/**
 * S4: raw device tokens are secrets of the device. Every log event of a real James, with the CLIENTID loggers at
 * DEBUG, is captured while tokens go through every path: accepted, malformed, refused twice, wrong password,
 * unknown device denied, enrolled device, blocked device.
 */
class ClientIdTokenNeverLoggedTest {
    private static final String CANARY = "Canary7Token";

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .inspectable()
        .build();

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger clientIdLogger;
    private Level clientIdLevel;

    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        clientIdLogger = context.getLogger("org.jamesclientid");
        clientIdLevel = clientIdLogger.getLevel();
        clientIdLogger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        clientIdLogger.setLevel(clientIdLevel);
    }

    private static String token(int n) {
        return CANARY + "-" + n + "-d1a3";
    }

    @Test
    @DisplayName("S4: no log line of any logger carries a raw token, whatever happens to it")
    void logsShouldNeverContainRawTokensWhenTokensTakeEveryPath(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);
        ClientIdTestProbe probe = server.getProbe(ClientIdTestProbe.class);
        PythonSmtpClient smtps = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS);
        String alice = ClientIdJamesServers.ALICE;
        String bob = ClientIdJamesServers.BOB;

        smtps.dialogue("EHLO x", "CLIENTID UUID " + token(1), "CLIENTID UUID " + token(2), "AUTH PLAIN " + alice + " " + ClientIdJamesServers.ALICE_PASSWORD);
        smtps.dialogue("EHLO x", "CLIENTID UUID " + token(3) + " extra", "CLIENTID UUID " + token(4) + "x".repeat(130));
        smtps.dialogue("EHLO x", "CLIENTID UUID " + token(5), "AUTH PLAIN " + alice + " wrong-password");
        probe.setPolicy(bob, ClientIdMode.ENFORCE, true);
        smtps.dialogue("EHLO x", "CLIENTID UUID " + token(6), "AUTH PLAIN " + bob + " " + ClientIdJamesServers.BOB_PASSWORD);
        probe.enroll(bob, "LICENSE", token(7), DeviceStatus.TRUSTED);
        smtps.dialogue("EHLO x", "CLIENTID LICENSE " + token(7), "AUTH PLAIN " + bob + " " + ClientIdJamesServers.BOB_PASSWORD, "SEND " + bob + " " + alice);
        String[] failures = new String[12];
        failures[0] = "EHLO x";
        failures[1] = "CLIENTID UUID " + token(8);
        for (int i = 2; i < 12; i++) {
            failures[i] = "AUTH PLAIN " + alice + " guess-" + i;
        }
        smtps.dialogue(failures);
        smtps.dialogue("EHLO x", "CLIENTID UUID " + token(8), "AUTH PLAIN " + alice + " " + ClientIdJamesServers.ALICE_PASSWORD);

        List<String> logged = appender.list.stream()
            .map(event -> event.getFormattedMessage() + " " + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
            .collect(Collectors.toList());
        assertThat(logged).as("the capture saw the policy at work").anyMatch(line -> line.contains("CLIENTID decision"));
        assertThat(logged).noneMatch(line -> line.contains(CANARY));
    }
}

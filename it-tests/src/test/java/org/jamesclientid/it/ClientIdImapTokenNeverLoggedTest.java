package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonImapClient.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

/**
 * I18, S4 over IMAP: every log event of a real James, with the CLIENTID loggers and James' IMAP loggers at DEBUG, is
 * captured while tokens go through every IMAP path: accepted, refused twice, malformed, before TLS, after sign-in,
 * wrong password, unknown device denied up to James' failure limit, enrolled device.
 */
class ClientIdImapTokenNeverLoggedTest {
    private static final String CANARY = "Canary7Token";
    private static final List<String> DEBUG_LOGGERS = ImmutableList.of("org.jamesclientid", "org.apache.james.imap", "org.apache.james.imapserver");

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .inspectable()
        .build();

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Map<Logger, Level> levels;

    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        // Levels as configured, null included (inherited), restored after the test.
        levels = new HashMap<>();
        DEBUG_LOGGERS.stream()
            .map(context::getLogger)
            .forEach(logger -> {
                levels.put(logger, logger.getLevel());
                logger.setLevel(Level.DEBUG);
            });
    }

    @AfterEach
    void stopCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        levels.forEach(Logger::setLevel);
    }

    private static String token(int n) {
        return CANARY + "-" + n + "-d1a3";
    }

    @Test
    @DisplayName("I18 S4: no log line of any logger carries a raw token sent over IMAP, whatever happens to it")
    void logsShouldNeverContainRawTokensWhenImapTokensTakeEveryPath(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);
        ClientIdTestProbe probe = server.getProbe(ClientIdTestProbe.class);
        PythonImapClient imaps = new PythonImapClient(ClientIdJamesServers.imapsPort(server), Mode.IMPLICIT_TLS);
        PythonImapClient plaintext = new PythonImapClient(ClientIdJamesServers.imapPort(server), Mode.PLAIN);
        String alice = ClientIdJamesServers.ALICE;
        String bob = ClientIdJamesServers.BOB;

        imaps.dialogue("CLIENTID UUID " + token(1), "CLIENTID UUID " + token(2), "LOGIN " + alice + " " + ClientIdJamesServers.ALICE_PASSWORD,
            "CLIENTID UUID " + token(3));
        imaps.dialogue("CLIENTID UUID " + token(4) + " extra", "CLIENTID UUID " + token(5) + "x".repeat(130),
            "CLIENTID UUID \"" + token(6) + " spaced\"");
        plaintext.dialogue("CLIENTID UUID " + token(7));
        imaps.dialogue("CLIENTID UUID " + token(8), "LOGIN " + alice + " wrong-password");
        probe.setPolicy(bob, ClientIdMode.ENFORCE, true);
        String bobLogin = "LOGIN " + bob + " " + ClientIdJamesServers.BOB_PASSWORD;
        imaps.dialogue("CLIENTID UUID " + token(9), bobLogin, bobLogin, bobLogin);
        imaps.dialogue("CLIENTID UUID " + token(10), "AUTHENTICATE-PLAIN-IR - " + bob + " " + ClientIdJamesServers.BOB_PASSWORD);
        probe.enroll(bob, "LICENSE", token(11), DeviceStatus.TRUSTED);
        imaps.dialogue("CLIENTID LICENSE " + token(11), "AUTHENTICATE-PLAIN - " + bob + " " + ClientIdJamesServers.BOB_PASSWORD, "SELECT INBOX");

        List<String> logged = appender.list.stream()
            .map(event -> event.getFormattedMessage() + " " + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
            .collect(Collectors.toList());
        assertThat(logged).as("the capture saw the policy at work").anyMatch(line -> line.contains("CLIENTID decision"));
        assertThat(logged).as("the capture saw James' IMAP debug lines").anyMatch(line -> line.contains("Got <command>: CLIENTID"));
        assertThat(logged).noneMatch(line -> line.contains(CANARY));
    }
}

package org.jamesclientid.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.jamesclientid.core.ClientId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.google.common.base.Strings;

class ClientIdCmdHandlerTest {
    private static final String UUID = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";
    private static final RecordingMetricFactory METRICS = new RecordingMetricFactory();
    // AUTH PLAIN \0alice\0secret
    private static final String AUTH_PLAIN_ALICE = "AUTH PLAIN AGFsaWNlAHNlY3JldA==";
    private static final String AUTH_PLAIN_WRONG = "AUTH PLAIN AGFsaWNlAHdyb25n";

    /**
     * Accepts alice/secret, like UsersRepositoryAuthHook would.
     */
    static class AliceAuthHook implements AuthHook {
        @Override
        public HookResult doAuth(SMTPSession session, Username username, String password) {
            if (username.asString().equals("alice") && password.equals("secret")) {
                session.setUsername(username);
                session.setRelayingAllowed(true);
                return HookResult.OK;
            }
            return HookResult.DECLINED;
        }

        @Override
        public HookResult doSasl(SMTPSession session, org.apache.james.protocols.api.OidcSASLConfiguration configuration, String initialResponse) {
            return HookResult.DECLINED;
        }
    }

    static ClientIdCmdHandler handler(boolean enabled) throws ConfigurationException {
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("enabled", enabled);
        ClientIdCmdHandler handler = new ClientIdCmdHandler(METRICS);
        handler.init(configuration);
        return handler;
    }

    static SmtpDialogue starttlsDialogue(boolean enabled) throws Exception {
        return SmtpDialogue.plaintext(handler(enabled), new ClientIdSessionTracker(), new AliceAuthHook());
    }

    static SmtpDialogue implicitTlsDialogue(boolean enabled) throws Exception {
        return SmtpDialogue.implicitTls(handler(enabled), new ClientIdSessionTracker(), new AliceAuthHook());
    }

    static SmtpDialogue afterStartTlsAndEhlo() throws Exception {
        SmtpDialogue dialogue = starttlsDialogue(true);
        dialogue.send("EHLO client.example");
        dialogue.send("STARTTLS");
        dialogue.send("EHLO client.example");
        return dialogue;
    }

    @Nested
    class Advertising {
        @Test
        @DisplayName("E1: EHLO should not list CLIENTID when the extension is disabled")
        void ehloShouldNotAdvertiseWhenDisabled() throws Exception {
            SmtpDialogue dialogue = implicitTlsDialogue(false);

            assertThat(dialogue.send("EHLO client.example")).noneMatch(line -> line.contains("CLIENTID"));
        }

        @Test
        @DisplayName("E2: EHLO should not list CLIENTID when the connection is not encrypted")
        void ehloShouldNotAdvertiseWhenPlaintext() throws Exception {
            SmtpDialogue dialogue = starttlsDialogue(true);

            assertThat(dialogue.send("EHLO client.example")).noneMatch(line -> line.contains("CLIENTID"));
        }

        @Test
        @DisplayName("E3: every EHLO after STARTTLS should list CLIENTID")
        void ehloShouldAdvertiseWhenAfterStartTls() throws Exception {
            SmtpDialogue dialogue = starttlsDialogue(true);
            dialogue.send("EHLO client.example");
            dialogue.send("STARTTLS");

            assertThat(dialogue.send("EHLO client.example")).anyMatch(line -> line.substring(4).equals("CLIENTID"));
            assertThat(dialogue.send("EHLO again.example")).anyMatch(line -> line.substring(4).equals("CLIENTID"));
        }

        @Test
        @DisplayName("E3: EHLO on an implicit TLS connection should list CLIENTID")
        void ehloShouldAdvertiseWhenImplicitTls() throws Exception {
            SmtpDialogue dialogue = implicitTlsDialogue(true);

            assertThat(dialogue.send("EHLO client.example")).anyMatch(line -> line.substring(4).equals("CLIENTID"));
        }

        @Test
        @DisplayName("E4: an EHLO reply listing CLIENTID should not list PIPELINING")
        void ehloShouldNotAdvertisePipeliningWhenAdvertisingClientId() throws Exception {
            SmtpDialogue dialogue = implicitTlsDialogue(true);

            List<String> lines = dialogue.send("EHLO client.example");

            assertThat(lines).noneMatch(line -> line.contains("PIPELINING"));
            assertThat(lines).anyMatch(line -> line.contains("ENHANCEDSTATUSCODES"));
        }

        @Test
        @DisplayName("E4: PIPELINING stays where CLIENTID is not advertised")
        void ehloShouldKeepPipeliningWhenNotAdvertisingClientId() throws Exception {
            assertThat(starttlsDialogue(true).send("EHLO client.example")).anyMatch(line -> line.contains("PIPELINING"));
            assertThat(implicitTlsDialogue(false).send("EHLO client.example")).anyMatch(line -> line.contains("PIPELINING"));
        }

        @Test
        @DisplayName("E5: the keyword has no parameters and the reply keeps its multi-line format")
        void ehloLineShouldBeExactlyTheKeywordWhenAdvertised() throws Exception {
            List<String> lines = implicitTlsDialogue(true).send("EHLO client.example");

            assertThat(lines).contains("250-CLIENTID");
            assertThat(lines.subList(0, lines.size() - 1)).allMatch(line -> line.startsWith("250-"));
            assertThat(lines.get(lines.size() - 1)).startsWith("250 ");
        }

        @Test
        @DisplayName("E3: HELO gets no extension list, and CLIENTID after HELO is refused")
        void clientIdShouldBeRefusedWhenHeloInsteadOfEhlo() throws Exception {
            SmtpDialogue dialogue = implicitTlsDialogue(true);

            assertThat(dialogue.send("HELO client.example")).hasSize(1);
            assertThat(dialogue.code("CLIENTID UUID " + UUID)).isEqualTo("503");
        }
    }

    @Nested
    class Command {
        @Test
        @DisplayName("C2/X2: CLIENTID before TLS gets the same 500 as an unknown command")
        void clientIdShouldBeUnrecognizedWhenPlaintext() throws Exception {
            SmtpDialogue dialogue = starttlsDialogue(true);
            dialogue.send("EHLO client.example");

            String clientIdReply = dialogue.sendAndGetLastLine("CLIENTID MAC 08:9e:01:70:f6:46");
            String unknownReply = dialogue.sendAndGetLastLine("CLIENTIX MAC 08:9e:01:70:f6:46");

            assertThat(clientIdReply).isEqualTo("500 5.5.1 Command CLIENTID unrecognized.");
            assertThat(unknownReply).isEqualTo("500 5.5.1 Command CLIENTIX unrecognized.");
            assertThat(ClientIdState.presentedClientId(dialogue.session())).isEmpty();
        }

        @Test
        @DisplayName("C2/X2: the session goes on after a refused CLIENTID")
        void mailShouldBeAcceptedWhenAfterPlaintextClientId() throws Exception {
            SmtpDialogue dialogue = starttlsDialogue(true);
            dialogue.send("EHLO client.example");
            dialogue.send("CLIENTID MAC 08:9e:01:70:f6:46");

            assertThat(dialogue.code("MAIL FROM:<bob@example.com>")).isEqualTo("250");
        }

        @Test
        @DisplayName("E1: CLIENTID is an unknown command when disabled, even over TLS")
        void clientIdShouldBeUnrecognizedWhenDisabled() throws Exception {
            SmtpDialogue dialogue = implicitTlsDialogue(false);
            dialogue.send("EHLO client.example");

            assertThat(dialogue.sendAndGetLastLine("CLIENTID UUID " + UUID)).isEqualTo("500 5.5.1 Command CLIENTID unrecognized.");
        }

        @Test
        @DisplayName("C3: CLIENTID right after STARTTLS, before the new EHLO, gets 503")
        void clientIdShouldBeRefusedWhenNoEhloAfterStartTls() throws Exception {
            SmtpDialogue dialogue = starttlsDialogue(true);
            dialogue.send("EHLO client.example");
            dialogue.send("STARTTLS");

            assertThat(dialogue.code("CLIENTID UUID " + UUID)).isEqualTo("503");
        }

        @Test
        @DisplayName("C3: CLIENTID on implicit TLS before any EHLO gets 503")
        void clientIdShouldBeRefusedWhenNoEhloOnImplicitTls() throws Exception {
            assertThat(implicitTlsDialogue(true).code("CLIENTID UUID " + UUID)).isEqualTo("503");
        }

        @Test
        @DisplayName("C7/X1: a well-formed CLIENTID after STARTTLS and EHLO gets 250")
        void clientIdShouldBeAcceptedWhenAfterStartTlsAndEhlo() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();

            assertThat(dialogue.sendAndGetLastLine("CLIENTID UUID " + UUID)).isEqualTo("250 2.0.0 OK");
            assertThat(ClientIdState.presentedClientId(dialogue.session())).contains(ClientId.of("UUID", UUID));
        }

        @Test
        @DisplayName("C1: the verb is case-insensitive")
        void clientIdShouldBeAcceptedWhenVerbInLowerCase() throws Exception {
            assertThat(afterStartTlsAndEhlo().code("clientid uuid " + UUID)).isEqualTo("250");
        }

        @Test
        @DisplayName("C4/X4: CLIENTID with one parameter gets 501")
        void clientIdShouldBeMalformedWhenOnlyType() throws Exception {
            assertThat(afterStartTlsAndEhlo().code("CLIENTID UUID")).isEqualTo("501");
        }

        @Test
        @DisplayName("C4: malformed lines get 501 and are not stored")
        void clientIdShouldBeMalformedWhenBadSyntax() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();

            assertThat(dialogue.code("CLIENTID")).isEqualTo("501");
            assertThat(dialogue.code("CLIENTID UUID a b")).isEqualTo("501");
            assertThat(dialogue.code("CLIENTID " + Strings.repeat("A", 17) + " tok")).isEqualTo("501");
            assertThat(dialogue.code("CLIENTID UUID " + Strings.repeat("x", 129))).isEqualTo("501");
            assertThat(dialogue.code("CLIENTID UU_ID tok")).isEqualTo("501");
            assertThat(dialogue.code("CLIENTID UUID  tok")).isEqualTo("501");
            assertThat(ClientIdState.presentedClientId(dialogue.session())).isEmpty();
        }

        @Test
        @DisplayName("C4: a 501 reply never echoes the token")
        void malformedReplyShouldNotEchoTokenWhenTooLong() throws Exception {
            String secret = "SECRET" + Strings.repeat("x", 130);

            assertThat(afterStartTlsAndEhlo().sendAndGetLastLine("CLIENTID UUID " + secret)).doesNotContain("SECRET");
        }

        @Test
        @DisplayName("C5: a second CLIENTID after a successful one gets 503 and the first stays")
        void clientIdShouldBeRefusedWhenAlreadyAccepted() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();
            dialogue.send("CLIENTID UUID " + UUID);

            assertThat(dialogue.code("CLIENTID UUID other")).isEqualTo("503");
            assertThat(ClientIdState.presentedClientId(dialogue.session())).contains(ClientId.of("UUID", UUID));
        }

        @Test
        @DisplayName("C5: a failed CLIENTID does not count: the client may try again")
        void clientIdShouldBeAcceptedWhenPreviousWasMalformed() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();
            dialogue.send("CLIENTID UUID");

            assertThat(dialogue.code("CLIENTID UUID " + UUID)).isEqualTo("250");
        }

        @Test
        @DisplayName("C6: CLIENTID after a successful AUTH gets 503")
        void clientIdShouldBeRefusedWhenAfterSuccessfulAuth() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();
            assertThat(dialogue.code(AUTH_PLAIN_ALICE)).isEqualTo("235");

            assertThat(dialogue.code("CLIENTID UUID " + UUID)).isEqualTo("503");
        }

        @Test
        @DisplayName("C6: CLIENTID after a failed AUTH gets 503")
        void clientIdShouldBeRefusedWhenAfterFailedAuth() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();
            assertThat(dialogue.code(AUTH_PLAIN_WRONG)).isEqualTo("535");

            assertThat(dialogue.code("CLIENTID UUID " + UUID)).isEqualTo("503");
        }

        @Test
        @DisplayName("C6: CLIENTID after an AUTH with an unknown mechanism gets 503")
        void clientIdShouldBeRefusedWhenAfterUnsupportedAuthMechanism() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();
            dialogue.send("AUTH NOSUCHMECH");

            assertThat(dialogue.code("CLIENTID UUID " + UUID)).isEqualTo("503");
        }

        @Test
        @DisplayName("C6/C9: AUTH then EHLO again: CLIENTID still comes too late")
        void clientIdShouldBeRefusedWhenEhloAfterAuth() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();
            dialogue.send(AUTH_PLAIN_ALICE);
            dialogue.send("EHLO client.example");

            assertThat(dialogue.code("CLIENTID UUID " + UUID)).isEqualTo("503");
        }
    }

    @Nested
    class Metrics {
        @Test
        void onCommandShouldCountAcceptedMalformedAndRefusedWhenAnswering() throws Exception {
            RecordingMetricFactory metrics = new RecordingMetricFactory();
            ClientIdCmdHandler handler = new ClientIdCmdHandler(metrics);
            handler.init(new BaseHierarchicalConfiguration());
            SmtpDialogue dialogue = SmtpDialogue.implicitTls(handler, new ClientIdSessionTracker());
            dialogue.send("CLIENTID UUID " + UUID);
            dialogue.send("EHLO client.example");
            dialogue.send("CLIENTID UUID");
            dialogue.send("CLIENTID UUID " + UUID);
            dialogue.send("CLIENTID UUID " + UUID);

            assertThat(metrics.countFor(ClientIdCmdHandler.ACCEPTED_METRIC)).isEqualTo(1);
            assertThat(metrics.countFor(ClientIdCmdHandler.MALFORMED_METRIC)).isEqualTo(1);
            assertThat(metrics.countFor(ClientIdCmdHandler.REFUSED_METRIC)).isEqualTo(2);
        }
    }

    @Nested
    class Reset {
        @Test
        @DisplayName("C8: a new EHLO discards the identity and a new CLIENTID is accepted")
        void ehloShouldDiscardClientIdWhenSentAgain() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();
            dialogue.send("CLIENTID UUID " + UUID);

            dialogue.send("EHLO client.example");

            assertThat(ClientIdState.presentedClientId(dialogue.session())).isEmpty();
            assertThat(dialogue.code("CLIENTID UUID other")).isEqualTo("250");
            assertThat(ClientIdState.presentedClientId(dialogue.session())).contains(ClientId.of("UUID", "other"));
        }

        @Test
        @DisplayName("C8: HELO discards the identity")
        void heloShouldDiscardClientIdWhenSent() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();
            dialogue.send("CLIENTID UUID " + UUID);

            dialogue.send("HELO client.example");

            assertThat(ClientIdState.presentedClientId(dialogue.session())).isEmpty();
        }

        @Test
        @DisplayName("C8: RSET keeps the identity")
        void rsetShouldKeepClientIdWhenSent() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();
            dialogue.send("CLIENTID UUID " + UUID);

            assertThat(dialogue.code("RSET")).isEqualTo("250");

            assertThat(ClientIdState.presentedClientId(dialogue.session())).contains(ClientId.of("UUID", UUID));
            assertThat(dialogue.code("CLIENTID UUID " + UUID)).isEqualTo("503");
        }

        @Test
        @DisplayName("C8/C9: AUTH and a mail transaction keep the identity")
        void authAndMailShouldKeepClientIdWhenSuccessful() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();
            dialogue.send("CLIENTID UUID " + UUID);

            assertThat(dialogue.code(AUTH_PLAIN_ALICE)).isEqualTo("235");
            assertThat(dialogue.code("MAIL FROM:<alice@example.com>")).isEqualTo("250");
            assertThat(dialogue.code("RSET")).isEqualTo("250");

            assertThat(ClientIdState.presentedClientId(dialogue.session())).contains(ClientId.of("UUID", UUID));
        }

        @Test
        @DisplayName("C8: STARTTLS resets to the initial state, including a failed AUTH sent in plaintext")
        void startTlsShouldResetWhenAuthFailedBefore() throws Exception {
            SmtpDialogue dialogue = starttlsDialogue(true);
            dialogue.send("EHLO client.example");
            dialogue.send(AUTH_PLAIN_WRONG);
            dialogue.send("STARTTLS");
            dialogue.send("EHLO client.example");

            assertThat(dialogue.code("CLIENTID UUID " + UUID)).isEqualTo("250");
        }

        @Test
        @DisplayName("C6/C8: a refused STARTTLS (TLS already active) resets nothing: CLIENTID after a failed AUTH still gets 503")
        void clientIdShouldBeRefusedAfterAuthWhenStartTlsWasRefused() throws Exception {
            SmtpDialogue dialogue = afterStartTlsAndEhlo();
            assertThat(dialogue.code("CLIENTID UUID " + UUID)).isEqualTo("250");
            assertThat(dialogue.code(AUTH_PLAIN_WRONG)).isEqualTo("535");

            assertThat(dialogue.code("STARTTLS")).isNotEqualTo("220");
            dialogue.send("EHLO client.example");

            assertThat(dialogue.code("CLIENTID UUID other-device")).isEqualTo("503");
        }

        @Test
        @DisplayName("C6/C8: a refused STARTTLS on implicit TLS keeps the identity presented before it")
        void startTlsShouldKeepTheIdentityWhenRefused() throws Exception {
            SmtpDialogue dialogue = implicitTlsDialogue(true);
            dialogue.send("EHLO client.example");
            dialogue.send("CLIENTID UUID " + UUID);

            assertThat(dialogue.code("STARTTLS")).isNotEqualTo("220");

            assertThat(ClientIdState.presentedClientId(dialogue.session())).contains(ClientId.of("UUID", UUID));
        }
    }

    @Nested
    class Configuration {
        @Test
        void enabledShouldDefaultToTrueWhenAbsent() throws Exception {
            ClientIdCmdHandler handler = new ClientIdCmdHandler(METRICS);
            handler.init(new BaseHierarchicalConfiguration());

            assertThat(handler.getConfiguration()).isEqualTo(ClientIdProtocolConfiguration.enabled(true));
        }

        @Test
        void initShouldFailNamingTheKeyWhenEnabledIsNotABoolean() {
            BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
            configuration.addProperty("enabled", "yes please");

            assertThatThrownBy(() -> new ClientIdCmdHandler(METRICS).init(configuration))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("enabled")
                .hasMessageContaining("yes please");
        }

        @Test
        void wiringShouldFailWhenSessionTrackerMissing() throws Exception {
            assertThatThrownBy(() -> SmtpDialogue.implicitTls(handler(true)))
                .isInstanceOf(WiringException.class)
                .hasMessageContaining(ClientIdSessionTracker.class.getName());
        }

        @Test
        void wiringShouldSucceedWhenDisabledAndSessionTrackerMissing() throws Exception {
            SmtpDialogue dialogue = SmtpDialogue.implicitTls(handler(false));

            assertThat(dialogue.code("CLIENTID UUID " + UUID)).isEqualTo("500");
        }
    }
}

package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.it.ClientIdJamesServers.ALICE;
import static org.jamesclientid.it.ClientIdJamesServers.ALICE_PASSWORD;
import static org.jamesclientid.it.ClientIdJamesServers.BOB;

import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The protocol side of the draft, on a real James started from the project's conf, spoken by Python's smtplib.
 */
class ClientIdSmtplibProtocolTest {
    private static final String UUID = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.memoryServer();

    private PythonSmtpClient smtp;
    private PythonSmtpClient smtps;
    private PythonSmtpClient submission;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);
        smtp = new PythonSmtpClient(ClientIdJamesServers.smtpPort(server), Mode.STARTTLS);
        smtps = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS);
        submission = new PythonSmtpClient(ClientIdJamesServers.submissionPort(server), Mode.STARTTLS);
    }

    @Test
    @DisplayName("X1: STARTTLS, EHLO shows CLIENTID, CLIENTID UUID 250, AUTH 235, mail accepted")
    void uuidTranscriptShouldSucceedWhenOverStartTls() throws Exception {
        List<Reply> replies = submission.dialogue(
            "EHLO client.example",
            "STARTTLS",
            "EHLO client.example",
            "CLIENTID UUID " + UUID,
            "AUTH PLAIN " + ALICE + " " + ALICE_PASSWORD,
            "SEND " + ALICE + " " + BOB);

        assertThat(replies.get(0).lines()).doesNotContain("CLIENTID");
        assertThat(replies.get(1).code()).isEqualTo(220);
        assertThat(replies.get(2).lines()).contains("CLIENTID");
        assertThat(replies.get(3).code()).isEqualTo(250);
        assertThat(replies.get(4).code()).isEqualTo(235);
        assertThat(replies.get(5).code()).isEqualTo(250);
    }

    @Test
    @DisplayName("X2/C2: CLIENTID without TLS gets 500 and the session goes on")
    void clientIdShouldBeUnrecognizedWhenWithoutTls() throws Exception {
        List<Reply> replies = smtp.dialogue(
            "EHLO client.example",
            "CLIENTID MAC 08:9e:01:70:f6:46",
            "MAIL FROM:<sender@remote.example>");

        assertThat(replies.get(1).code()).isEqualTo(500);
        assertThat(replies.get(1).text()).isEqualTo("5.5.1 Command CLIENTID unrecognized.");
        assertThat(replies.get(2).code()).isEqualTo(250);
    }

    @Test
    @DisplayName("C2: the 500 for CLIENTID without TLS is the unknown-command reply")
    void clientIdReplyShouldMatchUnknownCommandWhenWithoutTls() throws Exception {
        List<Reply> replies = smtp.dialogue(
            "EHLO client.example",
            "CLIENTID UUID " + UUID,
            "XYZZY UUID " + UUID);

        assertThat(replies.get(1).code()).isEqualTo(replies.get(2).code());
        assertThat(replies.get(1).text().replace("CLIENTID", "?")).isEqualTo(replies.get(2).text().replace("XYZZY", "?"));
    }

    @Test
    @DisplayName("X4/C4: CLIENTID with a single parameter gets 501")
    void clientIdShouldBeMalformedWhenSingleParameter() throws Exception {
        List<Reply> replies = smtp.dialogue(
            "EHLO client.example",
            "STARTTLS",
            "EHLO client.example",
            "CLIENTID UUID");

        assertThat(replies.get(3).code()).isEqualTo(501);
    }

    @Test
    @DisplayName("E2: a plaintext EHLO does not list CLIENTID")
    void ehloShouldNotAdvertiseWhenPlaintext() throws Exception {
        assertThat(smtp.dialogue("EHLO client.example").get(0).lines()).doesNotContain("CLIENTID");
    }

    @Test
    @DisplayName("E3/E4/E5: after STARTTLS every EHLO lists exactly CLIENTID, without PIPELINING")
    void ehloShouldAdvertiseWithoutPipeliningWhenAfterStartTls() throws Exception {
        List<Reply> replies = smtp.dialogue(
            "EHLO client.example",
            "STARTTLS",
            "EHLO client.example",
            "EHLO again.example");

        assertThat(replies.get(0).lines()).contains("PIPELINING");
        assertThat(replies.get(2).lines()).contains("CLIENTID").doesNotContain("PIPELINING");
        assertThat(replies.get(3).lines()).contains("CLIENTID").doesNotContain("PIPELINING");
    }

    @Test
    @DisplayName("E3/E6: the implicit TLS server lists CLIENTID on its first EHLO and accepts it")
    void clientIdShouldBeAcceptedWhenImplicitTls() throws Exception {
        List<Reply> replies = smtps.dialogue(
            "EHLO client.example",
            "CLIENTID UUID " + UUID,
            "AUTH LOGIN " + ALICE + " " + ALICE_PASSWORD);

        assertThat(replies.get(0).lines()).contains("CLIENTID").doesNotContain("PIPELINING");
        assertThat(replies.get(1).code()).isEqualTo(250);
        assertThat(replies.get(2).code()).isEqualTo(235);
    }

    @Test
    @DisplayName("C3: CLIENTID right after STARTTLS, before EHLO, gets 503")
    void clientIdShouldBeRefusedWhenNoEhloAfterStartTls() throws Exception {
        List<Reply> replies = smtp.dialogue(
            "EHLO client.example",
            "STARTTLS",
            "CLIENTID UUID " + UUID);

        assertThat(replies.get(2).code()).isEqualTo(503);
    }

    @Test
    @DisplayName("C3: CLIENTID after HELO on TLS gets 503")
    void clientIdShouldBeRefusedWhenHeloOnImplicitTls() throws Exception {
        List<Reply> replies = smtps.dialogue(
            "HELO client.example",
            "CLIENTID UUID " + UUID);

        assertThat(replies.get(1).code()).isEqualTo(503);
    }

    @Test
    @DisplayName("C5: a second CLIENTID gets 503; a failed one did not count")
    void secondClientIdShouldBeRefusedWhenFirstSucceeded() throws Exception {
        List<Reply> replies = smtps.dialogue(
            "EHLO client.example",
            "CLIENTID UUID",
            "CLIENTID UUID " + UUID,
            "CLIENTID UUID " + UUID);

        assertThat(replies.get(1).code()).isEqualTo(501);
        assertThat(replies.get(2).code()).isEqualTo(250);
        assertThat(replies.get(3).code()).isEqualTo(503);
    }

    @Test
    @DisplayName("C6: CLIENTID after a failed AUTH gets 503")
    void clientIdShouldBeRefusedWhenAfterFailedAuth() throws Exception {
        List<Reply> replies = smtps.dialogue(
            "EHLO client.example",
            "AUTH PLAIN " + ALICE + " wrong-password",
            "CLIENTID UUID " + UUID);

        assertThat(replies.get(1).code()).isEqualTo(535);
        assertThat(replies.get(2).code()).isEqualTo(503);
    }

    @Test
    @DisplayName("C6: CLIENTID after a successful AUTH gets 503")
    void clientIdShouldBeRefusedWhenAfterSuccessfulAuth() throws Exception {
        List<Reply> replies = smtps.dialogue(
            "EHLO client.example",
            "AUTH PLAIN " + ALICE + " " + ALICE_PASSWORD,
            "CLIENTID UUID " + UUID);

        assertThat(replies.get(1).code()).isEqualTo(235);
        assertThat(replies.get(2).code()).isEqualTo(503);
    }

    @Test
    @DisplayName("C8: a new EHLO discards the identity: a new CLIENTID is accepted; RSET keeps it")
    void ehloShouldResetClientIdWhileRsetKeepsIt() throws Exception {
        List<Reply> replies = smtps.dialogue(
            "EHLO client.example",
            "CLIENTID UUID " + UUID,
            "RSET",
            "CLIENTID UUID " + UUID,
            "EHLO client.example",
            "CLIENTID UUID " + UUID);

        assertThat(replies.get(1).code()).isEqualTo(250);
        assertThat(replies.get(3).code()).as("RSET keeps the identity").isEqualTo(503);
        assertThat(replies.get(5).code()).as("EHLO discards it").isEqualTo(250);
    }
}

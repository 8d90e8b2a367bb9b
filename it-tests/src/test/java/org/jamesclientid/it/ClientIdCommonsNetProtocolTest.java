package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.it.ClientIdJamesServers.ALICE;
import static org.jamesclientid.it.ClientIdJamesServers.ALICE_PASSWORD;
import static org.jamesclientid.it.ClientIdJamesServers.BOB;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The protocol side of the draft spoken by Apache commons-net, including the exact dialog Thunderbird sends.
 */
class ClientIdCommonsNetProtocolTest {
    private static final String THUNDERBIRD_UUID = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.memoryServer();

    private AuthenticatingSMTPClient client;
    private GuiceJamesServer server;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);
        this.server = server;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {TrustManagerUtils.getAcceptAllTrustManager()}, null);
        return context;
    }

    private AuthenticatingSMTPClient startTlsClient(int port) throws Exception {
        client = new AuthenticatingSMTPClient(false, trustAll());
        client.setDefaultTimeout(30_000);
        client.connect("127.0.0.1", port);
        return client;
    }

    private AuthenticatingSMTPClient implicitTlsClient(int port) throws Exception {
        client = new AuthenticatingSMTPClient(true, trustAll());
        client.setDefaultTimeout(30_000);
        client.connect("127.0.0.1", port);
        return client;
    }

    private static List<String> replyLines(SMTPSClient client) {
        return Arrays.asList(client.getReplyStrings());
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("X1: STARTTLS, EHLO shows CLIENTID, CLIENTID UUID 250, AUTH 235, mail accepted")
    void uuidTranscriptShouldSucceedWhenOverStartTls() throws Exception {
        AuthenticatingSMTPClient smtp = startTlsClient(ClientIdJamesServers.submissionPort(server));

        assertThat(smtp.ehlo("client.example")).isEqualTo(250);
        assertThat(replyLines(smtp)).noneMatch(line -> line.contains("CLIENTID"));
        assertThat(smtp.execTLS()).isTrue();
        assertThat(smtp.ehlo("client.example")).isEqualTo(250);
        assertThat(replyLines(smtp)).contains("250-CLIENTID").noneMatch(line -> line.contains("PIPELINING"));
        assertThat(smtp.sendCommand("CLIENTID", "UUID 23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3")).isEqualTo(250);
        assertThat(smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, ALICE, ALICE_PASSWORD)).isTrue();
        assertThat(smtp.setSender(ALICE)).isTrue();
        assertThat(smtp.addRecipient(BOB)).isTrue();
        assertThat(smtp.sendShortMessageData("Subject: X1\r\n\r\nHello from commons-net.\r\n")).isTrue();
    }

    @Test
    @DisplayName("Thunderbird: EHLO, STARTTLS, EHLO, CLIENTID UUID <lower-case uuid>, AUTH PLAIN, MAIL, RCPT, DATA, QUIT")
    void thunderbirdDialogShouldSucceedWhenClientIdAdvertised() throws Exception {
        AuthenticatingSMTPClient smtp = startTlsClient(ClientIdJamesServers.submissionPort(server));

        assertThat(smtp.sendCommand("EHLO", "[127.0.0.1]")).isEqualTo(250);
        assertThat(smtp.sendCommand("STARTTLS")).isEqualTo(220);
        smtp.disconnect();

        // commons-net's execTLS() is what performs the handshake; the same commands, in Thunderbird's order:
        smtp = startTlsClient(ClientIdJamesServers.submissionPort(server));
        assertThat(smtp.sendCommand("EHLO", "[127.0.0.1]")).isEqualTo(250);
        assertThat(smtp.execTLS()).isTrue();
        assertThat(smtp.sendCommand("EHLO", "[127.0.0.1]")).isEqualTo(250);
        assertThat(replyLines(smtp)).contains("250-CLIENTID");
        assertThat(smtp.sendCommand("CLIENTID", "UUID " + THUNDERBIRD_UUID)).isEqualTo(250);
        assertThat(smtp.sendCommand("AUTH", "PLAIN " + plain(ALICE, ALICE_PASSWORD))).isEqualTo(235);
        assertThat(smtp.sendCommand("MAIL", "FROM:<" + ALICE + "> BODY=8BITMIME SIZE=42")).isEqualTo(250);
        assertThat(smtp.sendCommand("RCPT", "TO:<" + BOB + ">")).isEqualTo(250);
        assertThat(smtp.sendCommand("DATA")).isEqualTo(354);
        smtp.sendCommand("Subject: Thunderbird\r\n\r\nHello.\r\n.");
        assertThat(smtp.getReplyCode()).isEqualTo(250);
        assertThat(smtp.sendCommand("QUIT")).isEqualTo(221);
    }

    @Test
    @DisplayName("E3/E6: implicit TLS: CLIENTID advertised on the first EHLO and accepted")
    void clientIdShouldBeAcceptedWhenImplicitTls() throws Exception {
        AuthenticatingSMTPClient smtp = implicitTlsClient(ClientIdJamesServers.smtpsPort(server));

        assertThat(smtp.ehlo("client.example")).isEqualTo(250);
        assertThat(replyLines(smtp)).contains("250-CLIENTID");
        assertThat(smtp.sendCommand("CLIENTID", "UUID " + THUNDERBIRD_UUID)).isEqualTo(250);
        assertThat(smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.LOGIN, ALICE, ALICE_PASSWORD)).isTrue();
    }

    @Test
    @DisplayName("X2/C2: CLIENTID without TLS gets 500")
    void clientIdShouldBeUnrecognizedWhenWithoutTls() throws Exception {
        AuthenticatingSMTPClient smtp = startTlsClient(ClientIdJamesServers.smtpPort(server));

        smtp.ehlo("client.example");

        assertThat(smtp.sendCommand("CLIENTID", "MAC 08:9e:01:70:f6:46")).isEqualTo(500);
        assertThat(smtp.sendCommand("MAIL", "FROM:<sender@remote.example>")).isEqualTo(250);
    }

    @Test
    @DisplayName("X4/C4: CLIENTID UUID gets 501")
    void clientIdShouldBeMalformedWhenSingleParameter() throws Exception {
        AuthenticatingSMTPClient smtp = implicitTlsClient(ClientIdJamesServers.smtpsPort(server));
        smtp.ehlo("client.example");

        assertThat(smtp.sendCommand("CLIENTID", "UUID")).isEqualTo(501);
        assertThat(smtp.sendCommand("CLIENTID", "UUID " + "x".repeat(129))).isEqualTo(501);
        assertThat(smtp.sendCommand("CLIENTID", "UUID a b")).isEqualTo(501);
    }
}

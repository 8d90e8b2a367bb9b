package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.apache.commons.net.imap.IMAPReply;
import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMAP CLIENTID through clients nobody here wrote: {@code openssl s_client} typed by hand, and Apache commons-net's
 * IMAPSClient. The server is the shipped conf as is: James loads the CLIENTID module from extensions.properties and
 * ClientIdImapPackage from imapserver.xml.
 */
class ClientIdImapClientsTest {
    private static final String UUID = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.memoryServer();

    private IMAPSClient client;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
    }

    /**
     * Types each line once the previous command's tagged reply has come, as a person would: James runs some commands
     * (AUTHENTICATE) asynchronously, and a LOGOUT pipelined behind one may close the connection before its reply.
     */
    private static List<String> openssl(List<String> options, String... lines) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-quiet", "-ign_eof", "-crlf"));
        command.addAll(options);
        Process process = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                output.lines().forEach(received::add);
            } catch (IOException e) {
                // The process ended: what was read is in the queue.
            }
        });
        reader.start();
        List<String> replies = new ArrayList<>();
        try (OutputStream stdin = process.getOutputStream()) {
            for (String line : lines) {
                stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
                String tag = line.substring(0, line.indexOf(' ') + 1);
                String reply;
                do {
                    reply = received.poll(30, TimeUnit.SECONDS);
                    if (reply != null) {
                        replies.add(reply);
                    }
                } while (reply != null && !reply.startsWith(tag));
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl ended").isTrue();
        reader.join(10_000);
        received.drainTo(replies);
        return replies;
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {TrustManagerUtils.getAcceptAllTrustManager()}, null);
        return context;
    }

    @Test
    @DisplayName("I3 I11 the draft's dialog through openssl s_client -starttls imap (port 143 of the conf)")
    void uuidTranscriptShouldSucceedWhenTypedThroughOpenSslStartTls(GuiceJamesServer server) throws Exception {
        List<String> replies = openssl(List.of("-starttls", "imap", "-connect", "127.0.0.1:" + ClientIdJamesServers.imapPort(server)),
            "a1 CAPABILITY",
            "a2 CLIENTID UUID " + UUID,
            "a3 LOGIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD,
            "a4 LOGOUT");

        assertThat(replies).anyMatch(line -> line.startsWith("* CAPABILITY ") && List.of(line.split(" ")).contains("CLIENTID"));
        assertThat(replies).contains("a2 OK CLIENTID completed.", "a3 OK LOGIN completed.", "a4 OK LOGOUT completed.");
    }

    @Test
    @DisplayName("I3 I9 I11 implicit TLS through openssl s_client (port 993 of the conf): OK, then BAD for a second CLIENTID")
    void uuidTranscriptShouldSucceedWhenTypedThroughOpenSslImplicitTls(GuiceJamesServer server) throws Exception {
        List<String> replies = openssl(List.of("-connect", "127.0.0.1:" + ClientIdJamesServers.imapsPort(server)),
            "a1 CLIENTID UUID " + UUID,
            "a2 CLIENTID UUID " + UUID,
            "a3 AUTHENTICATE PLAIN " + Base64.getEncoder().encodeToString(
                ("\0" + ClientIdJamesServers.BOB + "\0" + ClientIdJamesServers.BOB_PASSWORD).getBytes(StandardCharsets.UTF_8)),
            "a4 LOGOUT");

        assertThat(replies).contains("a1 OK CLIENTID completed.",
            "a2 BAD CLIENTID failed. CLIENTID was already accepted on this connection.",
            "a3 OK AUTHENTICATE completed.");
    }

    @Test
    @DisplayName("I2 I7 commons-net IMAPClient in clear: no CLIENTID capability, BAD as an unknown command; STARTTLS, then OK")
    void clientIdShouldBeAcceptedOnlyAfterStartTlsWhenCommonsNet(GuiceJamesServer server) throws Exception {
        client = new IMAPSClient(false, trustAll());
        client.connect("127.0.0.1", ClientIdJamesServers.imapPort(server));

        assertThat(client.capability()).isTrue();
        assertThat(client.getReplyString()).doesNotContain(" CLIENTID");
        assertThat(client.sendCommand("CLIENTID", "UUID " + UUID)).isEqualTo(IMAPReply.BAD);
        assertThat(client.getReplyString()).endsWith("BAD failed. Unknown command.\r\n");

        assertThat(client.execTLS()).isTrue();
        assertThat(client.capability()).isTrue();
        assertThat(client.getReplyString()).contains(" CLIENTID");
        assertThat(client.sendCommand("CLIENTID", "UUID " + UUID)).isEqualTo(IMAPReply.OK);
        assertThat(client.login(ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD)).isTrue();
    }

    @Test
    @DisplayName("I8 I11 commons-net IMAPSClient on implicit TLS: malformed BAD, then a well-formed CLIENTID OK and LOGIN")
    void clientIdShouldBeAcceptedWhenCommonsNetImplicitTls(GuiceJamesServer server) throws Exception {
        client = new IMAPSClient(true, trustAll());
        client.connect("127.0.0.1", ClientIdJamesServers.imapsPort(server));

        assertThat(client.sendCommand("CLIENTID", "MAC")).isEqualTo(IMAPReply.BAD);
        assertThat(client.sendCommand("CLIENTID", "MAC 08:9e:01:70:f6:46")).isEqualTo(IMAPReply.OK);
        assertThat(client.getReplyString()).endsWith("OK CLIENTID completed.\r\n");
        assertThat(client.login(ClientIdJamesServers.BOB, ClientIdJamesServers.BOB_PASSWORD)).isTrue();
        assertThat(client.select("INBOX")).isTrue();
    }
}

package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.demo.SelfSignedKeystore;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * james-config/conf-distributed/smtpserver.xml, the file docker-compose.yml mounts into apache/james:distributed-3.8.1:
 * James' own file plus the CLIENTID handlers. Started here by a real James 3.8.1 (the memory server: the SMTP
 * servers are the same code) with only the listening addresses and the keystore password changed, it must wire, keep
 * port 25 as James has it (no TLS, so no CLIENTID; loopback relays without AUTH) and gate AUTH on 465 and 587.
 */
class DistributedSmtpServerXmlTest {
    private static final Path DISTRIBUTED_SMTPSERVER = Paths.get("..", "james-config", "conf-distributed", "smtpserver.xml");
    private static final String IMAGE_KEYSTORE_SECRET = "james72laBalle";

    @Test
    void distributedSmtpServerXmlShouldKeepPort25AndGateAuthOnTheOthersWhenLoadedByJames(@TempDir File workingDirectory) throws Exception {
        int[] ports = freePorts();
        String xml = Files.readString(DISTRIBUTED_SMTPSERVER, StandardCharsets.UTF_8)
            .replace("<bind>0.0.0.0:25</bind>", "<bind>127.0.0.1:" + ports[0] + "</bind>")
            .replace("<bind>0.0.0.0:465</bind>", "<bind>127.0.0.1:" + ports[1] + "</bind>")
            .replace("<bind>0.0.0.0:587</bind>", "<bind>127.0.0.1:" + ports[2] + "</bind>")
            // The keystore the test's conf installer makes has its own password.
            .replace("<secret>" + IMAGE_KEYSTORE_SECRET + "</secret>", "<secret>" + SelfSignedKeystore.PASSWORD + "</secret>");
        GuiceJamesServer server = ClientIdJamesServers.builder()
            .inspectable()
            .editConf("smtpserver.xml", shipped -> xml)
            .server(workingDirectory);
        try {
            server.start();
            ClientIdJamesServers.createUsers(server);
            server.getProbe(ClientIdTestProbe.class).setPolicy(ClientIdJamesServers.ALICE, ClientIdMode.ENFORCE, true);

            List<Reply> port25 = new PythonSmtpClient(ports[0], Mode.STARTTLS).dialogue(
                "EHLO client.example",
                "CLIENTID UUID distributed-xml-device",
                "SEND " + ClientIdJamesServers.ALICE + " someone@example.net");
            assertThat(port25.get(0).lines()).as("no TLS on 25: no CLIENTID, no STARTTLS").doesNotContain("CLIENTID", "STARTTLS");
            assertThat(port25.get(1).code()).isEqualTo(500);
            assertThat(port25.get(2).code()).as("127.0.0.0/8 relays without AUTH, outside the device policy").isEqualTo(250);

            List<Reply> port465 = new PythonSmtpClient(ports[1], Mode.IMPLICIT_TLS).dialogue(
                "EHLO client.example",
                "CLIENTID UUID distributed-xml-device",
                "AUTH PLAIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD);
            assertThat(port465.get(0).lines()).contains("CLIENTID");
            assertThat(port465.get(1).code()).isEqualTo(250);
            assertThat(port465.get(2).code()).as("an unknown device in enforce, the right password").isEqualTo(535);

            List<Reply> port587 = new PythonSmtpClient(ports[2], Mode.STARTTLS).dialogue(
                "EHLO client.example",
                "STARTTLS",
                "EHLO client.example",
                "AUTH PLAIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD);
            assertThat(port587.get(2).lines()).contains("CLIENTID");
            assertThat(port587.get(3).code()).as("no CLIENTID although required").isEqualTo(535);
        } finally {
            server.stop();
        }
    }

    private static int[] freePorts() {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket c = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort(), c.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

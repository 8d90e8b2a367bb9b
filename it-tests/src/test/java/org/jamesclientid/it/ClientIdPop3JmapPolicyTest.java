package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.Pop3GuiceProbe;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonPop3Client.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POP3 and JMAP cannot present a device (issue 14, part 3): a real James memory server from the shipped conf with
 * its POP3 server (pop3server.xml, STLS) and JMAP (jmap.properties) turned on, driven by Python's poplib and the
 * JDK's HTTP client ({@code GET /jmap/session} with Basic authentication). The global mode is trust-first, where
 * CLIENTID is required unless an account or protocol says otherwise.
 */
class ClientIdPop3JmapPolicyTest {
    private static final String STRICT = "strict@example.com";
    private static final String EXEMPT = "exempt@example.com";
    private static final String OBSERVED = "observed@example.com";
    private static final String OUTAGE = "outage@example.com";
    private static final String JMAP_STRICT = "jmapstrict@example.com";
    private static final String JMAP_EXEMPT = "jmapexempt@example.com";
    private static final String JMAP_OUTAGE = "jmapoutage@example.com";
    private static final String AUTH_FAILED = "-ERR Authentication failed.";
    private static final int JMAP_PORT = freePort();

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.mode=trust-first")
        .editConf("pop3server.xml", xml -> xml.replace("<pop3server enabled=\"false\">", "<pop3server enabled=\"true\">")
            .replace("<bind>0.0.0.0:110</bind>", "<bind>127.0.0.1:0</bind>"))
        .editConf("jmap.properties", properties -> properties.replace("enabled=false", "enabled=true")
            + "\njmap.port=" + JMAP_PORT + "\n")
        // James refuses to start JMAP without its filtering mailet in the transport processor.
        .editConf("mailetcontainer.xml", xml -> xml.replace("<mailet match=\"RecipientIsLocal\" class=\"ToProcessor\">",
            "<mailet match=\"RecipientIsLocal\" class=\"org.apache.james.jmap.mailet.filter.JMAPFiltering\"/><mailet match=\"RecipientIsLocal\" class=\"ToProcessor\">"))
        .switchableStore()
        .build();

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PythonPop3Client pop3;
    private ClientIdTestProbe probe;
    private SwitchableDeviceHistory store;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, STRICT, EXEMPT, OBSERVED, OUTAGE, JMAP_STRICT, JMAP_EXEMPT, JMAP_OUTAGE);
        pop3 = new PythonPop3Client(server.getProbe(Pop3GuiceProbe.class).getPop3Port(), Mode.STARTTLS);
        probe = server.getProbe(ClientIdTestProbe.class);
        store = (SwitchableDeviceHistory) probe.deviceHistory();
    }

    @AfterEach
    void tearDown() {
        store.setDown(false);
    }

    /**
     * STLS, USER, PASS, STAT: the replies to PASS and STAT.
     */
    private List<String> signInThenStat(String user, String password) throws Exception {
        List<String> replies = pop3.dialogue("USER " + user, "PASS " + password, "STAT");
        assertThat(replies.get(0)).as("STLS").startsWith("+OK");
        assertThat(replies.get(1)).as("USER").startsWith("+OK");
        return replies.subList(2, replies.size());
    }

    private HttpResponse<String> jmapSession(String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + JMAP_PORT + "/jmap/session"))
            .header("Authorization", "Basic " + basic)
            .header("Accept", "application/json; jmapVersion=rfc-8621")
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("P1 POP3: an account requiring CLIENTID gets, for its right password, the reply of a wrong one, and reads nothing")
    void pop3ShouldRefuseRightPasswordWhenAccountRequiresClientId() throws Exception {
        List<String> rightPassword = signInThenStat(STRICT, ClientIdJamesServers.passwordOf(STRICT));
        List<String> wrongPassword = signInThenStat(STRICT, "wrong");

        assertThat(wrongPassword.get(0)).isEqualTo(AUTH_FAILED);
        assertThat(rightPassword.get(0)).isEqualTo(wrongPassword.get(0));
        assertThat(rightPassword.get(1)).as("STAT after the refused PASS").startsWith("-ERR");
        assertThat(rightPassword.get(1)).isEqualTo(wrongPassword.get(1));
    }

    @Test
    @DisplayName("P1 POP3: an account exempted from CLIENTID, or in observe, signs in with its password and reads its mailbox")
    void pop3ShouldSignInWhenPolicyDoesNotRequireClientId() throws Exception {
        probe.setPolicy(EXEMPT, ClientIdMode.TRUST_FIRST, false);
        probe.setPolicy(OBSERVED, ClientIdMode.OBSERVE, true);

        List<String> exempt = signInThenStat(EXEMPT, ClientIdJamesServers.passwordOf(EXEMPT));
        List<String> observed = signInThenStat(OBSERVED, ClientIdJamesServers.passwordOf(OBSERVED));

        assertThat(exempt.get(0)).isEqualTo("+OK Welcome " + EXEMPT);
        assertThat(exempt.get(1)).as("STAT").startsWith("+OK");
        assertThat(observed.get(0)).isEqualTo("+OK Welcome " + OBSERVED);
        assertThat(signInThenStat(EXEMPT, "wrong").get(0)).as("a wrong password still fails").isEqualTo(AUTH_FAILED);
    }

    @Test
    @DisplayName("P1 POP3: the device store down on a strict account gives -ERR [SYS/TEMP], not a sign-in and not the wrong-password reply")
    void pop3ShouldGiveTemporaryFailureWhenStoreDown() throws Exception {
        probe.enroll(OUTAGE, "UUID", "outage-phone", DeviceStatus.TRUSTED);
        store.setDown(true);

        List<String> replies = signInThenStat(OUTAGE, ClientIdJamesServers.passwordOf(OUTAGE));

        assertThat(replies.get(0)).isEqualTo("-ERR [SYS/TEMP] Temporary authentication failure.");
        assertThat(replies.get(1)).as("STAT").startsWith("-ERR");
    }

    @Test
    @DisplayName("P1 JMAP Basic: an account requiring CLIENTID gets, for its right password, the 401 of a wrong one")
    void jmapShouldRefuseRightPasswordWhenAccountRequiresClientId() throws Exception {
        HttpResponse<String> rightPassword = jmapSession(JMAP_STRICT, ClientIdJamesServers.passwordOf(JMAP_STRICT));
        HttpResponse<String> wrongPassword = jmapSession(JMAP_STRICT, "wrong");

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(rightPassword.statusCode()).isEqualTo(401);
        assertThat(rightPassword.headers().allValues("WWW-Authenticate"))
            .isEqualTo(wrongPassword.headers().allValues("WWW-Authenticate"));
        assertThat(rightPassword.body()).isEqualTo(wrongPassword.body());
    }

    @Test
    @DisplayName("P1 JMAP Basic: an account exempted from CLIENTID gets its session")
    void jmapShouldGiveSessionWhenAccountExempt() throws Exception {
        probe.setPolicy(JMAP_EXEMPT, ClientIdMode.TRUST_FIRST, false);

        HttpResponse<String> response = jmapSession(JMAP_EXEMPT, ClientIdJamesServers.passwordOf(JMAP_EXEMPT));

        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"username\":\"" + JMAP_EXEMPT + "\"");
    }

    @Test
    @DisplayName("P1 JMAP Basic: the device store down on a strict account is a server error, never a session nor a 401")
    void jmapShouldFailTemporarilyWhenStoreDown() throws Exception {
        probe.enroll(JMAP_OUTAGE, "UUID", "outage-tablet", DeviceStatus.TRUSTED);
        store.setDown(true);

        HttpResponse<String> response = jmapSession(JMAP_OUTAGE, ClientIdJamesServers.passwordOf(JMAP_OUTAGE));

        assertThat(response.statusCode()).as("%s", response.body()).isGreaterThanOrEqualTo(500);
    }
}

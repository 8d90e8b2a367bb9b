package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;

/**
 * The drop-in story on a James this project did not assemble: James' own MemoryJamesServerMain in a separate JVM
 * whose classpath holds James 3.8.1's jars only, the drop-in jar copied into extensions-jars/ and the project's conf
 * into conf/, as docs/install.md tells users. Runs in the verify phase, after the reactor built the jar.
 *
 * <p>The checks are grouped by feature in @Nested classes sharing the one server.
 */
class DropInStockJamesIT {
    private static final String UUID = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";
    private static final String DOMAIN = "example.com";
    private static final String ALICE = "alice@example.com";
    private static final String ALICE_PASSWORD = "alice-secret";
    private static final Pattern REVOKE_ADDRESS = Pattern.compile("clientid-revoke-[0-9a-f]{32}@example\\.com");

    static StockJamesServer server;

    @BeforeAll
    static void startStockJames() throws Exception {
        server = StockJamesServer.start(Paths.get("target", "drop-in-stock-james"),
            Paths.get(requiredProperty("clientid.dropin.jar")),
            StockJamesServer.readClasspathFile(Paths.get(requiredProperty("clientid.stock.james.classpath"))));
        server.webAdmin("PUT", "/domains/" + DOMAIN, "");
        createUser(ALICE, ALICE_PASSWORD);
    }

    @AfterAll
    static void stopStockJames() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static void createUser(String user, String password) throws IOException, InterruptedException {
        server.webAdmin("PUT", "/users/" + user, "{\"password\":\"" + password + "\"}");
    }

    static PythonSmtpClient smtp() {
        return new PythonSmtpClient(server.smtpPort(), Mode.STARTTLS);
    }

    static PythonSmtpClient smtps() {
        return new PythonSmtpClient(server.smtpsPort(), Mode.IMPLICIT_TLS);
    }

    static PythonSmtpClient submission() {
        return new PythonSmtpClient(server.submissionPort(), Mode.STARTTLS);
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        Preconditions.checkState(value != null, "System property %s is not set (set by it-tests/pom.xml)", name);
        return value;
    }

    @Nested
    class Installation {
        @Test
        void jamesClasspathShouldHoldJamesJarsOnlyWhenLaunched() throws Exception {
            List<Path> classpath = server.classpath();

            assertThat(classpath).as("James' own main artifact").anySatisfy(jar ->
                assertThat(jar.getFileName().toString()).isEqualTo("james-server-memory-app-3.8.1.jar"));
            assertThat(classpath).as("classpath entries: jars, none holding a class of this project").allSatisfy(entry -> {
                assertThat(entry.toString()).doesNotContain("jamesclientid").doesNotContain("/target/");
                assertThat(entry).isRegularFile();
                assertThat(entry.getFileName().toString()).endsWith(".jar");
                try (JarFile jar = new JarFile(entry.toFile())) {
                    assertThat(jar.stream().map(JarEntry::getName).filter(name -> name.startsWith("org/jamesclientid/")))
                        .as("project classes inside %s", entry)
                        .isEmpty();
                }
            });
        }

        @Test
        void jamesShouldLoadTheDropInJarFromExtensionsJarsWhenStarted() throws Exception {
            Path installedJar = server.workingDirectory().resolve("extensions-jars")
                .resolve(Paths.get(requiredProperty("clientid.dropin.jar")).getFileName()).toAbsolutePath();

            try (Stream<Path> extensionsJars = Files.list(server.workingDirectory().resolve("extensions-jars"))) {
                assertThat(extensionsJars).containsExactly(installedJar);
            }
            assertThat(server.jamesLog()).contains("Loading custom classpath resource " + installedJar);
        }
    }

    @Nested
    class Protocol {
        @Test
        void ehloShouldAdvertiseClientIdWithoutPipeliningWhenAfterStartTls() throws Exception {
            List<Reply> replies = smtp().dialogue(
                "EHLO client.example",
                "STARTTLS",
                "EHLO client.example");

            assertThat(replies.get(0).lines()).contains("PIPELINING").doesNotContain("CLIENTID");
            assertThat(replies.get(1).code()).isEqualTo(220);
            assertThat(replies.get(2).lines()).contains("CLIENTID").doesNotContain("PIPELINING");
        }

        @Test
        void ehloShouldAdvertiseClientIdWithoutPipeliningWhenImplicitTls() throws Exception {
            assertThat(smtps().dialogue("EHLO client.example").get(0).lines()).contains("CLIENTID").doesNotContain("PIPELINING");
        }

        @Test
        void clientIdShouldBeUnrecognizedWhenBeforeTls() throws Exception {
            List<Reply> replies = smtp().dialogue(
                "EHLO client.example",
                "CLIENTID UUID " + UUID);

            assertThat(replies.get(1).code()).isEqualTo(500);
        }

        @Test
        void clientIdShouldBeMalformedWhenSingleParameter() throws Exception {
            List<Reply> replies = smtps().dialogue(
                "EHLO client.example",
                "CLIENTID UUID");

            assertThat(replies.get(1).code()).isEqualTo(501);
        }

        @Test
        void clientIdShouldBeRefusedWhenAfterAuth() throws Exception {
            List<Reply> replies = smtps().dialogue(
                "EHLO client.example",
                "AUTH PLAIN " + ALICE + " " + ALICE_PASSWORD,
                "CLIENTID UUID " + UUID);

            assertThat(replies.get(1).code()).isEqualTo(235);
            assertThat(replies.get(2).code()).isEqualTo(503);
        }

        @Test
        void submissionShouldAcceptMailWhenClientIdThenAuthOverStartTls() throws Exception {
            List<Reply> replies = submission().dialogue(
                "EHLO client.example",
                "STARTTLS",
                "EHLO client.example",
                "CLIENTID UUID " + UUID,
                "AUTH PLAIN " + ALICE + " " + ALICE_PASSWORD,
                "SEND " + ALICE + " " + ALICE);

            assertThat(replies.get(3).code()).isEqualTo(250);
            assertThat(replies.get(4).code()).isEqualTo(235);
            assertThat(replies.get(5).code()).as(replies.get(5).toString()).isEqualTo(250);
        }
    }

    @Nested
    class DevicePolicy {
        private static final String BOB = "bob@example.com";
        private static final String BOB_PASSWORD = "bob-secret";

        @Test
        void wrongPasswordShouldGetTheDevicePolicyReplyWhenTheAuthHookIsLoaded() throws Exception {
            List<Reply> replies = smtps().dialogue(
                "EHLO client.example",
                "CLIENTID UUID " + UUID,
                "AUTH PLAIN " + ALICE + " wrong-password");

            // James' own hook would answer "535 Authentication Failed": this line is the extension's.
            assertThat(replies.get(2).code()).isEqualTo(535);
            assertThat(replies.get(2).text()).isEqualTo("5.7.8 Authentication credentials invalid");
        }

        @Test
        void pendingDeviceShouldPassOnceApprovedThroughWebAdminWhenTrustFirst() throws Exception {
            String carol = "carol@example.com";
            createUser(carol, "carol-secret");
            server.webAdmin("PUT", "/clientid/users/" + carol + "/policy", "{\"mode\":\"trust-first\",\"requireClientId\":false}");

            assertThat(authWithDevice(carol, "carol-secret", "drop-in-carol-laptop").code()).isEqualTo(235);
            Reply stolen = authWithDevice(carol, "carol-secret", "drop-in-attacker");
            Reply wrong = authWithDevice(carol, "wrong-password", "drop-in-attacker-2");
            assertThat(stolen.code()).isEqualTo(535);
            assertThat(stolen.lines()).isEqualTo(wrong.lines());

            String devices = server.webAdmin("GET", "/clientid/users/" + carol + "/devices", "");
            JsonNode pending = Iterables.find(new ObjectMapper().readTree(devices),
                // The wrong password's device is recorded pending too (a refusal records the same whatever the password).
                device -> device.get("status").asText().equals("pending") && device.get("hint").asText().endsWith("cker"));
            server.webAdmin("PUT", "/clientid/users/" + carol + "/devices/" + pending.get("id").asText(), "{\"status\":\"trusted\"}");

            assertThat(authWithDevice(carol, "carol-secret", "drop-in-attacker").code()).as("approved").isEqualTo(235);
        }

        private Reply authWithDevice(String user, String password, String token) throws Exception {
            return smtps().dialogue("EHLO client.example", "CLIENTID UUID " + token, "AUTH PLAIN " + user + " " + password).get(2);
        }

        @Test
        void failingDeviceShouldBeBlockedWhileAnotherDeviceStillPasses() throws Exception {
            createUser(BOB, BOB_PASSWORD);
            // One failure per connection counts: ten connections reach the device's limit on the account.
            for (int i = 0; i < 10; i++) {
                smtps().dialogue("EHLO client.example", "CLIENTID UUID drop-in-credential-stuffer", "AUTH PLAIN " + BOB + " guess-" + i);
            }

            List<Reply> blocked = smtps().dialogue("EHLO client.example", "CLIENTID UUID drop-in-credential-stuffer",
                "AUTH PLAIN " + BOB + " " + BOB_PASSWORD);
            List<Reply> other = smtps().dialogue("EHLO client.example", "CLIENTID UUID drop-in-honest-device",
                "AUTH PLAIN " + BOB + " " + BOB_PASSWORD);

            assertThat(blocked.get(2).code()).as("right password, blocked device").isEqualTo(535);
            assertThat(other.get(2).code()).as("another device, same IP").isEqualTo(235);
        }

        @Test
        void strictAccountShouldRefuseAPasswordWithoutClientId() throws Exception {
            String erin = "erin@example.com";
            createUser(erin, "erin-secret");
            server.webAdmin("PUT", "/clientid/users/" + erin + "/policy", "{\"mode\":\"trust-first\"}");
            assertThat(authWithDevice(erin, "erin-secret", "drop-in-erin-laptop").code()).as("first device").isEqualTo(235);

            List<Reply> withoutClientId = smtps().dialogue("EHLO client.example", "AUTH PLAIN " + erin + " erin-secret");
            List<Reply> wrongPassword = smtps().dialogue("EHLO client.example", "AUTH PLAIN " + erin + " wrong");

            assertThat(withoutClientId.get(1).code()).isEqualTo(535);
            assertThat(withoutClientId.get(1).lines()).isEqualTo(wrongPassword.get(1).lines());
        }

        @Test
        void connectionShouldEndAfterThreeFailedAuths() throws Exception {
            String frank = "frank@example.com";
            createUser(frank, "frank-secret");

            List<Reply> replies = smtps().dialogue("EHLO client.example", "CLIENTID UUID drop-in-guesser",
                "AUTH PLAIN " + frank + " guess-1", "AUTH LOGIN " + frank + " guess-2", "AUTH PLAIN " + frank + " guess-3",
                "AUTH PLAIN " + frank + " frank-secret");

            assertThat(replies).extracting(Reply::code).containsExactly(250, 250, 535, 535, 535, -1);
        }
    }

    /**
     * IMAP CLIENTID and the device policy at IMAP sign-in, from the drop-in jar and james-config/conf's imapserver.xml.
     */
    @Nested
    class Imap {
        private static final String DAVE = "dave@example.com";
        private static final String DAVE_PASSWORD = "dave-secret";

        @Test
        void clientIdShouldBeAdvertisedAndAcceptedWhenOverStartTlsAndImplicitTls() throws Exception {
            List<PythonImapClient.Reply> startTls = new PythonImapClient(server.imapPort(), PythonImapClient.Mode.STARTTLS)
                .dialogue("CAPABILITY", "CLIENTID UUID " + UUID, "LOGIN " + ALICE + " " + ALICE_PASSWORD);
            List<PythonImapClient.Reply> implicitTls = new PythonImapClient(server.imapsPort(), PythonImapClient.Mode.IMPLICIT_TLS)
                .dialogue("CAPABILITY", "CLIENTID UUID " + UUID);

            assertThat(startTls.get(1).lines()).anyMatch(line -> line.startsWith("* CAPABILITY ") && List.of(line.split(" ")).contains("CLIENTID"));
            assertThat(startTls.get(2).lines()).containsExactly("TAG OK CLIENTID completed.");
            assertThat(startTls.get(3).tagged()).isEqualTo("TAG OK LOGIN completed.");
            assertThat(implicitTls.get(0).lines()).anyMatch(line -> line.startsWith("* CAPABILITY ") && List.of(line.split(" ")).contains("CLIENTID"));
            assertThat(implicitTls.get(1).lines()).containsExactly("TAG OK CLIENTID completed.");
        }

        @Test
        void clientIdShouldBeUnknownWhenBeforeTls() throws Exception {
            List<PythonImapClient.Reply> replies = new PythonImapClient(server.imapPort(), PythonImapClient.Mode.PLAIN)
                .dialogue("CLIENTID UUID " + UUID, "NOOP");

            assertThat(replies.get(0).lines()).containsExactly("TAG BAD failed. Unknown command.");
            assertThat(replies.get(1).status()).isEqualTo("OK");
        }

        @Test
        void unknownDeviceShouldGetTheWrongPasswordReplyWhenEnforced() throws Exception {
            createUser(DAVE, DAVE_PASSWORD);
            server.webAdmin("PUT", "/clientid/users/" + DAVE + "/policy", "{\"mode\":\"trust-first\",\"requireClientId\":false}");
            PythonImapClient imaps = new PythonImapClient(server.imapsPort(), PythonImapClient.Mode.IMPLICIT_TLS);

            PythonImapClient.Reply first = imaps.dialogue("CLIENTID UUID drop-in-dave-phone", "LOGIN " + DAVE + " " + DAVE_PASSWORD).get(1);
            PythonImapClient.Reply stolen = imaps.dialogue("CLIENTID UUID drop-in-dave-attacker", "LOGIN " + DAVE + " " + DAVE_PASSWORD).get(1);
            PythonImapClient.Reply wrong = imaps.dialogue("CLIENTID UUID drop-in-dave-phone", "LOGIN " + DAVE + " wrong-password").get(1);

            assertThat(first.tagged()).as("first device, trusted on first use").isEqualTo("TAG OK LOGIN completed.");
            assertThat(stolen.lines()).containsExactly("TAG NO LOGIN failed. Invalid login/password.");
            assertThat(stolen.lines()).isEqualTo(wrong.lines());
        }
    }

    /**
     * Issue 15: the reply addresses of a notice, written by the drop-in jar's notice listener and answered through its
     * reply hook, on the stock James.
     */
    @Nested
    class ReplyToNotice {
        private static final String GRACE = "grace@example.com";
        private static final String GRACE_PASSWORD = "grace-secret";
        private static final String LAPTOP = "drop-in-grace-laptop";
        private static final String PHONE = "drop-in-grace-phone";
        private static final String REFUSED_NOTICE = "Sign-in from an unrecognised device was refused";

        private Reply authWithDevice(String token) throws Exception {
            return smtps().dialogue("EHLO client.example", "CLIENTID UUID " + token, "AUTH PLAIN " + GRACE + " " + GRACE_PASSWORD).get(2);
        }

        /**
         * The INBOX's text bodies, read over IMAPS by Angus Mail from the trusted laptop (the account requires CLIENTID).
         */
        private List<String> inboxTexts() throws Exception {
            Properties properties = new Properties();
            // The demo certificate of the shipped conf.
            properties.setProperty("mail.imaps.ssl.trust", "*");
            properties.setProperty("mail.imaps.ssl.checkserveridentity", "false");
            ClientIdAngusMailImapTest.ClientIdImapStore store = new ClientIdAngusMailImapTest.ClientIdImapStore(
                Session.getInstance(properties), server.imapsPort(), LAPTOP);
            store.connect(StockJamesServer.HOST, server.imapsPort(), GRACE, GRACE_PASSWORD);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    ImmutableList.Builder<String> texts = ImmutableList.builder();
                    for (Message message : inbox.getMessages()) {
                        // The decoded text/plain body, not getContent(): javax.mail's content handlers on this classpath
                        // clash with jakarta.activation's.
                        texts.add(message.getSubject() + "\n\n" + new String(message.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    }
                    return texts.build();
                } finally {
                    inbox.close(false);
                }
            } finally {
                store.close();
            }
        }

        @Test
        void replyToTheRevokeAddressFromTheTrustedDeviceShouldRevokeTheDevice() throws Exception {
            createUser(GRACE, GRACE_PASSWORD);
            server.webAdmin("PUT", "/clientid/users/" + GRACE + "/policy", "{\"mode\":\"trust-first\"}");
            assertThat(authWithDevice(LAPTOP).code()).as("first device, trusted on first use").isEqualTo(235);
            assertThat(authWithDevice(PHONE).code()).as("second device, refused").isEqualTo(535);
            String notice = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> inboxTexts().stream().filter(text -> text.startsWith(REFUSED_NOTICE)).findFirst(), Optional::isPresent)
                .orElseThrow();
            Matcher revoke = REVOKE_ADDRESS.matcher(notice);
            assertThat(revoke.find()).as("a revoke address in %s", notice).isTrue();
            // Approved by the administrator, so that the phone signs in before the reply and the 535 after it is the reply's.
            String phoneId = Iterables.find(new ObjectMapper().readTree(server.webAdmin("GET", "/clientid/users/" + GRACE + "/devices", "")),
                device -> device.get("status").asText().equals("pending")).get("id").asText();
            server.webAdmin("PUT", "/clientid/users/" + GRACE + "/devices/" + phoneId, "{\"status\":\"trusted\"}");
            assertThat(authWithDevice(PHONE).code()).as("the phone, approved").isEqualTo(235);

            List<Reply> reply = smtps().dialogue("EHLO client.example", "CLIENTID UUID " + LAPTOP,
                "AUTH PLAIN " + GRACE + " " + GRACE_PASSWORD, "SEND " + GRACE + " " + revoke.group());

            assertThat(reply.get(2).code()).isEqualTo(235);
            assertThat(reply.get(3).code()).as(reply.get(3).toString()).isEqualTo(250);
            assertThat(authWithDevice(PHONE).code()).as("the phone, revoked by reply").isEqualTo(535);
            assertThat(authWithDevice(LAPTOP).code()).as("the laptop that replied").isEqualTo(235);
            assertThat(Iterables.find(new ObjectMapper().readTree(server.webAdmin("GET", "/clientid/users/" + GRACE + "/devices", "")),
                device -> device.get("id").asText().equals(phoneId)).get("status").asText()).isEqualTo("revoked");
        }
    }

    /**
     * POP3 cannot present a device: the shipped pop3server.xml (STLS, the extension's PASS handler) turned on, driven
     * by Python's poplib. The shipped global mode is observe; the accounts here set their own policy.
     */
    @Nested
    class Pop3 {
        private static final String AUTH_FAILED = "-ERR Authentication failed.";

        private List<String> signInThenStat(String user, String password) throws Exception {
            List<String> replies = new PythonPop3Client(server.pop3Port(), PythonPop3Client.Mode.STARTTLS)
                .dialogue("USER " + user, "PASS " + password, "STAT");
            assertThat(replies.get(0)).as("STLS").startsWith("+OK");
            return replies.subList(2, replies.size());
        }

        @Test
        void passShouldBeRefusedWhenPolicyRequiresClientIdAndAcceptedWhenAccountExempt() throws Exception {
            String gina = "gina@example.com";
            String hank = "hank@example.com";
            createUser(gina, "gina-secret");
            createUser(hank, "hank-secret");
            server.webAdmin("PUT", "/clientid/users/" + gina + "/policy", "{\"mode\":\"enforce\"}");
            server.webAdmin("PUT", "/clientid/users/" + hank + "/policy", "{\"mode\":\"enforce\",\"requireClientId\":false}");

            List<String> strict = signInThenStat(gina, "gina-secret");
            List<String> exempt = signInThenStat(hank, "hank-secret");

            assertThat(strict.get(0)).as("strict account, right password").isEqualTo(AUTH_FAILED);
            assertThat(strict.get(1)).as("STAT after the refused PASS").startsWith("-ERR");
            assertThat(exempt.get(0)).as("exempt account").isEqualTo("+OK Welcome " + hank);
            assertThat(exempt.get(1)).as("STAT").startsWith("+OK");
        }
    }

    /**
     * JMAP (RFC 8621) cannot present a device: JMAP turned on as docs/install.md tells operators (enabled=true, James'
     * JMAPFiltering mailet, the extension's Basic strategy as shipped in jmap.properties), {@code GET /jmap/session}
     * with Basic authentication from the JDK's HTTP client. The shipped global mode is observe; the accounts here
     * set their own policy.
     */
    @Nested
    class Jmap {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        private HttpResponse<String> session(String user, String password) throws Exception {
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + StockJamesServer.HOST + ":" + server.jmapPort() + "/jmap/session"))
                .header("Authorization", "Basic " + basic)
                .header("Accept", "application/json; jmapVersion=rfc-8621")
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void sessionShouldBeRefusedWhenPolicyRequiresClientIdAndGivenWhenExemptOrObserved() throws Exception {
            String ivan = "ivan@example.com";
            String judy = "judy@example.com";
            String kate = "kate@example.com";
            createUser(ivan, "ivan-secret");
            createUser(judy, "judy-secret");
            createUser(kate, "kate-secret");
            server.webAdmin("PUT", "/clientid/users/" + ivan + "/policy", "{\"mode\":\"enforce\"}");
            server.webAdmin("PUT", "/clientid/users/" + judy + "/policy", "{\"mode\":\"enforce\",\"requireClientId\":false}");

            HttpResponse<String> strict = session(ivan, "ivan-secret");
            HttpResponse<String> wrong = session(ivan, "wrong");
            HttpResponse<String> exempt = session(judy, "judy-secret");
            HttpResponse<String> observed = session(kate, "kate-secret");

            assertThat(wrong.statusCode()).as("wrong password").isEqualTo(401);
            assertThat(strict.statusCode()).as("strict account, right password: %s", strict.body()).isEqualTo(401);
            assertThat(strict.headers().allValues("WWW-Authenticate")).isEqualTo(wrong.headers().allValues("WWW-Authenticate"));
            assertThat(strict.body()).isEqualTo(wrong.body());
            assertThat(exempt.statusCode()).as("exempt account: %s", exempt.body()).isEqualTo(200);
            assertThat(exempt.body()).contains("\"username\":\"" + judy + "\"");
            assertThat(observed.statusCode()).as("account in observe, the shipped global mode: %s", observed.body()).isEqualTo(200);
            assertThat(observed.body()).contains("\"username\":\"" + kate + "\"");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.jamesLog())
                .containsPattern("CLIENTID decision protocol=jmap ip=\\S+ outcome=DENY reason=CLIENTID_REQUIRED mode=enforce device=- type=- account=\"" + ivan + "\""));
        }
    }
}

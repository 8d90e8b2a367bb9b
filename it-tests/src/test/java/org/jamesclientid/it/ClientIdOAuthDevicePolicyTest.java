package org.jamesclientid.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.common.collect.ImmutableList;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;

/**
 * The device policy on James' OAUTHBEARER / XOAUTH2 sign-in (issue 12): a real James with an {@code <oidc>}
 * configuration whose keys a local provider serves, tokens signed here, Python's smtplib on the submission port
 * (STARTTLS, AUTH required) going through James' own AUTH handler chain.
 *
 * <p>James' AuthCmdHandler skips every SASL hook answer whose code is 535 and asks the next hook, so a refusal must
 * not be a 535 there: a refused device must get James' own invalid-token dialogue (334 with the RFC 7628 error, the
 * client's dummy line, 535), byte for byte. Each test uses its own accounts and devices; the global mode is
 * trust-first so that a store outage is a temporary failure.</p>
 */
class ClientIdOAuthDevicePolicyTest {
    private static final String OAUTHBEARER = "OAUTHBEARER";
    private static final String XOAUTH2 = "XOAUTH2";
    // RFC 7628 3.2.3: the client answers the error challenge with a single %x01 (OAUTHBEARER); XOAUTH2 clients send
    // an empty line.
    private static final String OAUTHBEARER_DUMMY_RESPONSE = "CONTINUE AQ==";
    private static final String XOAUTH2_EMPTY_RESPONSE = "CONTINUE";
    private static final String REMOTE_RECIPIENT = "friend@remote.example";
    private static final List<String> USERS = IntStream.rangeClosed(1, 16)
        .mapToObj(i -> "oauth" + i + "@example.com")
        .collect(Collectors.toList());

    private static final LocalOidcProvider OIDC = LocalOidcProvider.start();

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.mode=trust-first")
        .editConf("smtpserver.xml", xml -> xml.replace("<plainAuthEnabled>true</plainAuthEnabled>",
            "<plainAuthEnabled>true</plainAuthEnabled>" + OIDC.smtpServerXml()))
        .switchableStore()
        .build();

    private PythonSmtpClient submission;
    private ClientIdTestProbe probe;
    private SwitchableDeviceHistory store;

    @AfterAll
    static void stopProvider() {
        OIDC.close();
    }

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, USERS.toArray(String[]::new));
        submission = new PythonSmtpClient(ClientIdJamesServers.submissionPort(server), Mode.STARTTLS);
        probe = server.getProbe(ClientIdTestProbe.class);
        store = (SwitchableDeviceHistory) probe.deviceHistory();
        RestAssured.requestSpecification = new RequestSpecBuilder()
            .setContentType(ContentType.JSON)
            .setAccept(ContentType.JSON)
            .setPort(ClientIdJamesServers.webAdminPort(server))
            .build();
    }

    @AfterEach
    void tearDown() {
        store.setDown(false);
    }

    private static String user(int i) {
        return USERS.get(i - 1);
    }

    /**
     * One submission session: EHLO, STARTTLS, EHLO, CLIENTID with the device, then the commands given. The replies
     * from the CLIENTID one on.
     */
    private List<Reply> withDevice(String device, String... commands) throws Exception {
        List<String> session = ImmutableList.<String>builder()
            .add("EHLO client.example", "STARTTLS", "EHLO client.example", "CLIENTID UUID " + device)
            .add(commands)
            .build();
        List<Reply> replies = submission.dialogue(session.toArray(String[]::new));
        assertThat(replies.get(2).text()).as("EHLO after STARTTLS").contains("OAUTHBEARER", "XOAUTH2", "CLIENTID");
        assertThat(replies.get(3).code()).as("CLIENTID reply").isEqualTo(250);
        return replies.subList(3, replies.size());
    }

    /**
     * AUTH with the mechanism and token, the client's line answering a refusal's 334 (James answers it with a 500
     * when there was no 334), then a mail to a remote recipient: replies to AUTH, the client's line, MAIL FROM,
     * RCPT TO.
     */
    private List<Reply> oauthThenRelay(String mechanism, String requestedUser, String token, String device) throws Exception {
        String clientLine = mechanism.equals(OAUTHBEARER) ? OAUTHBEARER_DUMMY_RESPONSE : XOAUTH2_EMPTY_RESPONSE;
        List<Reply> replies = withDevice(device,
            "AUTH " + mechanism + " " + LocalOidcProvider.initialResponse(requestedUser, token),
            clientLine,
            "MAIL FROM:<" + requestedUser + ">",
            "RCPT TO:<" + REMOTE_RECIPIENT + ">");
        return replies.subList(1, replies.size());
    }

    private static void assertInvalidTokenDialogue(List<Reply> replies) {
        Reply auth = replies.get(0);
        Reply afterClientLine = replies.get(1);
        assertThat(auth.code()).as("AUTH reply: %s", auth).isEqualTo(334);
        assertThat(auth.text()).isEqualTo(LocalOidcProvider.invalidTokenChallenge());
        assertThat(afterClientLine.code()).as("reply to the client's line: %s", afterClientLine).isEqualTo(535);
        assertThat(afterClientLine.text()).isEqualTo("Authentication Failed");
    }

    /**
     * What the server sent, as smtplib read it: code and text of each reply.
     */
    private static List<String> serverLines(List<Reply> replies) {
        return replies.stream()
            .map(reply -> reply.code() + " " + reply.text())
            .collect(Collectors.toList());
    }

    /**
     * The submission port refuses MAIL FROM without a signed-in user.
     */
    private static void assertNotSignedIn(List<Reply> oauthThenRelay) {
        Reply mail = oauthThenRelay.get(2);
        assertThat(mail.code()).as("MAIL FROM after the refused AUTH: %s", mail).isEqualTo(530);
        assertThat(mail.text()).isEqualTo("5.7.1 Authentication Required");
    }

    private static void authorizeDelegation(String owner, String delegate) {
        given()
            .put("/users/" + owner + "/authorizedUsers/" + delegate)
        .then()
            .statusCode(200);
    }

    @Test
    @DisplayName("OAUTHBEARER and XOAUTH2: a trusted device with a valid token signs in and relays")
    void trustedDeviceShouldSignInWhenTokenValid() throws Exception {
        String user = user(1);
        probe.setPolicy(user, ClientIdMode.ENFORCE, true);
        probe.enroll(user, "UUID", "oauth-trusted-phone", DeviceStatus.TRUSTED);

        for (String mechanism : List.of(OAUTHBEARER, XOAUTH2)) {
            List<Reply> replies = withDevice("oauth-trusted-phone",
                "AUTH " + mechanism + " " + LocalOidcProvider.initialResponse(user, OIDC.token(user)),
                "MAIL FROM:<" + user + ">",
                "RCPT TO:<" + REMOTE_RECIPIENT + ">");

            assertThat(replies.get(1).code()).as("%s: %s", mechanism, replies.get(1)).isEqualTo(235);
            assertThat(replies.get(2).code()).as("MAIL FROM").isEqualTo(250);
            assertThat(replies.get(3).code()).as("RCPT TO a remote recipient").isEqualTo(250);
        }
    }

    @Test
    @DisplayName("OAUTHBEARER: an unknown device on an enforced account gets the invalid-token dialogue, byte for byte, and cannot relay")
    void refusedDeviceShouldGetInvalidTokenDialogueWhenOAuthBearer() throws Exception {
        String user = user(2);
        probe.setPolicy(user, ClientIdMode.ENFORCE, false);

        List<Reply> refusedDevice = oauthThenRelay(OAUTHBEARER, user, OIDC.token(user), "oauth-attacker-1");
        List<Reply> invalidToken = oauthThenRelay(OAUTHBEARER, user, OIDC.tokenSignedByUnknownKey(user), "oauth-attacker-1");

        assertInvalidTokenDialogue(refusedDevice);
        assertThat(serverLines(refusedDevice.subList(0, 2))).isEqualTo(serverLines(invalidToken.subList(0, 2)));
        assertNotSignedIn(refusedDevice);
        assertThat(probe.device(user, probe.deviceId("UUID", "oauth-attacker-1")))
            .as("the policy ran on the valid token").map(Device::getStatus).contains(DeviceStatus.PENDING);
    }

    @Test
    @DisplayName("XOAUTH2: a device blocked through WebAdmin gets the invalid-token dialogue, byte for byte, and cannot relay")
    void blockedDeviceShouldGetInvalidTokenDialogueWhenXOAuth2() throws Exception {
        String user = user(3);
        assertThat(oauthThenRelay(XOAUTH2, user, OIDC.token(user), "oauth-stolen-laptop").get(0).code())
            .as("first device of the account, before the block").isEqualTo(235);
        given()
            .body("{\"type\":\"UUID\",\"token\":\"oauth-stolen-laptop\",\"reason\":\"reported stolen\"}")
            .post("/clientid/blocked")
        .then()
            .statusCode(201);

        List<Reply> blockedDevice = oauthThenRelay(XOAUTH2, user, OIDC.token(user), "oauth-stolen-laptop");
        List<Reply> invalidToken = oauthThenRelay(XOAUTH2, user, OIDC.tokenSignedByUnknownKey(user), "oauth-stolen-laptop");

        assertInvalidTokenDialogue(blockedDevice);
        assertThat(serverLines(blockedDevice.subList(0, 2))).isEqualTo(serverLines(invalidToken.subList(0, 2)));
        assertNotSignedIn(blockedDevice);
    }

    @Test
    @DisplayName("OAUTHBEARER: a client cancelling the refused device's dialogue with '*' gets what it gets for an invalid token")
    void cancelledDialogueShouldMatchInvalidTokenWhenDeviceRefused() throws Exception {
        String user = user(13);
        probe.setPolicy(user, ClientIdMode.ENFORCE, false);

        List<Reply> refusedDevice = withDevice("oauth-attacker-2",
            "AUTH " + OAUTHBEARER + " " + LocalOidcProvider.initialResponse(user, OIDC.token(user)), "CONTINUE *");
        List<Reply> invalidToken = withDevice("oauth-attacker-2",
            "AUTH " + OAUTHBEARER + " " + LocalOidcProvider.initialResponse(user, OIDC.tokenSignedByUnknownKey(user)), "CONTINUE *");

        assertThat(refusedDevice.get(1).code()).as("%s", refusedDevice.get(1)).isEqualTo(334);
        assertThat(refusedDevice.get(2).code()).as("%s", refusedDevice.get(2)).isEqualTo(501);
        assertThat(serverLines(refusedDevice)).isEqualTo(serverLines(invalidToken));
    }

    @Test
    @DisplayName("Delegation: a token acting as another account signs in when the device passes on both accounts")
    void delegatedSignInShouldSucceedWhenBothAccountsAcceptDevice() throws Exception {
        String tokenOwner = user(4);
        String actedAs = user(5);
        authorizeDelegation(actedAs, tokenOwner);

        List<Reply> replies = oauthThenRelay(OAUTHBEARER, actedAs, OIDC.token(tokenOwner), "oauth-shared-desk");

        assertThat(replies.get(0).code()).as("%s", replies.get(0)).isEqualTo(235);
        assertThat(probe.device(tokenOwner, probe.deviceId("UUID", "oauth-shared-desk"))).as("token owner's history")
            .map(Device::getStatus).contains(DeviceStatus.TRUSTED);
        assertThat(probe.device(actedAs, probe.deviceId("UUID", "oauth-shared-desk"))).as("acted-as account's history")
            .map(Device::getStatus).contains(DeviceStatus.TRUSTED);
    }

    @Test
    @DisplayName("Delegation: refused when the account acted as refuses the device (OAUTHBEARER)")
    void delegatedSignInShouldBeRefusedWhenActedAsAccountRefusesDevice() throws Exception {
        String tokenOwner = user(6);
        String actedAs = user(7);
        authorizeDelegation(actedAs, tokenOwner);
        probe.enroll(tokenOwner, "UUID", "oauth-delegate-1", DeviceStatus.TRUSTED);
        probe.setPolicy(actedAs, ClientIdMode.ENFORCE, true);

        List<Reply> replies = oauthThenRelay(OAUTHBEARER, actedAs, OIDC.token(tokenOwner), "oauth-delegate-1");

        assertInvalidTokenDialogue(replies);
        assertNotSignedIn(replies);
    }

    @Test
    @DisplayName("Delegation: refused when the token's own account refuses the device (XOAUTH2)")
    void delegatedSignInShouldBeRefusedWhenTokenOwnerRefusesDevice() throws Exception {
        String tokenOwner = user(8);
        String actedAs = user(9);
        authorizeDelegation(actedAs, tokenOwner);
        probe.setPolicy(tokenOwner, ClientIdMode.ENFORCE, true);
        probe.enroll(actedAs, "UUID", "oauth-delegate-2", DeviceStatus.TRUSTED);

        List<Reply> replies = oauthThenRelay(XOAUTH2, actedAs, OIDC.token(tokenOwner), "oauth-delegate-2");

        assertInvalidTokenDialogue(replies);
        assertNotSignedIn(replies);
        assertThat(probe.device(tokenOwner, probe.deviceId("UUID", "oauth-delegate-2"))).as("token owner's history")
            .map(Device::getStatus).contains(DeviceStatus.PENDING);
    }

    @Test
    @DisplayName("Store down in trust-first: OAUTHBEARER with a valid token gets 454 4.7.0, not 235")
    void storeOutageShouldGiveTemporaryFailureWhenOAuthBearer() throws Exception {
        String user = user(10);
        probe.enroll(user, "UUID", "oauth-outage-phone", DeviceStatus.TRUSTED);
        store.setDown(true);

        List<Reply> replies = oauthThenRelay(OAUTHBEARER, user, OIDC.token(user), "oauth-outage-phone");

        assertThat(replies.get(0).code()).as("%s", replies.get(0)).isEqualTo(454);
        assertThat(replies.get(0).text()).isEqualTo("4.7.0 Temporary authentication failure");
        assertNotSignedIn(replies);
    }

    @Test
    @DisplayName("PLAIN and LOGIN on the OAuth-enabled server: a refused device gets 535, never 235")
    void refusedDeviceShouldGet535WhenPlainOrLogin() throws Exception {
        String user = user(11);
        String otherUser = user(12);
        String password = ClientIdJamesServers.passwordOf(user);
        probe.setPolicy(user, ClientIdMode.ENFORCE, true);
        probe.enroll(otherUser, "UUID", "oauth-plain-attacker", DeviceStatus.TRUSTED);

        List<Reply> replies = withDevice("oauth-plain-attacker",
            "AUTH PLAIN " + user + " " + password,
            "AUTH LOGIN " + user + " " + password,
            // RFC 4616 with an authorization identity: James signs in the authentication identity, user.
            "AUTH PLAIN " + plainInitialResponse(otherUser, user, password),
            "MAIL FROM:<" + user + ">");
        // One identity only: James' delegation path (AuthHook.doDelegation). Its own connection: the server ends
        // one after three refused AUTHs (clientid.connection.maxFailedAuth).
        List<Reply> delegation = withDevice("oauth-plain-attacker",
            "AUTH PLAIN " + plainInitialResponse(user),
            "MAIL FROM:<" + user + ">",
            "RCPT TO:<" + REMOTE_RECIPIENT + ">");

        assertThat(replies.subList(1, 4)).as("PLAIN, LOGIN, PLAIN with authzid")
            .allSatisfy(reply -> assertThat(reply.code()).as("%s", reply).isEqualTo(535));
        assertThat(replies.subList(1, 4)).extracting(Reply::text)
            .containsOnly("5.7.8 Authentication credentials invalid");
        assertThat(replies.get(4).code()).as("the third refused AUTH ended the connection").isEqualTo(-1);
        assertThat(delegation.get(1).code()).as("PLAIN with one identity").isEqualTo(535);
        assertNotSignedIn(delegation);
    }

    private static String plainInitialResponse(String... parts) {
        return java.util.Base64.getEncoder().encodeToString(String.join("\0", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

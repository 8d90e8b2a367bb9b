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
import org.jamesclientid.it.PythonImapClient.Mode;
import org.jamesclientid.it.PythonImapClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;

/**
 * The device policy on James' IMAP {@code AUTHENTICATE OAUTHBEARER} / {@code XOAUTH2} (issue 14, I15 I16): a real
 * James whose imapserver.xml has an {@code <auth><oidc>} whose keys a local provider serves, tokens signed here,
 * Python's imaplib over implicit TLS, with SASL-IR and after the continuation.
 *
 * <p>A refused device must get exactly what James answers to an invalid token ({@code NO AUTHENTICATE failed.
 * Authentication failed.}), counted toward James' limit of three failures. Each test uses its own accounts and
 * devices; the global mode is trust-first so that a store outage is a temporary failure.</p>
 */
class ClientIdImapOAuthDevicePolicyTest {
    private static final String OAUTHBEARER = "OAUTHBEARER";
    private static final String XOAUTH2 = "XOAUTH2";
    private static final String INVALID_TOKEN_REPLY = "TAG NO AUTHENTICATE failed. Authentication failed.";
    private static final List<String> USERS = IntStream.rangeClosed(1, 12)
        .mapToObj(i -> "imapoauth" + i + "@example.com")
        .collect(Collectors.toList());

    private static final LocalOidcProvider OIDC = LocalOidcProvider.start();

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.mode=trust-first")
        .editConf("imapserver.xml", xml -> xml.replace("<plainAuthEnabled>true</plainAuthEnabled>",
            "<plainAuthEnabled>true</plainAuthEnabled>" + OIDC.smtpServerXml()))
        .switchableStore()
        .build();

    private PythonImapClient imaps;
    private ClientIdTestProbe probe;
    private SwitchableDeviceHistory store;

    @AfterAll
    static void stopProvider() {
        OIDC.close();
    }

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, USERS.toArray(String[]::new));
        imaps = new PythonImapClient(ClientIdJamesServers.imapsPort(server), Mode.IMPLICIT_TLS);
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
     * One IMAPS session: CLIENTID with the device, AUTHENTICATE with the mechanism and token (SASL-IR), then NAMESPACE
     * (valid only once signed in; James' OAuth sign-in creates no INBOX, so SELECT would fail either way). The replies
     * to AUTHENTICATE and NAMESPACE.
     */
    private List<Reply> oauthThenNamespace(String mechanism, String requestedUser, String token, String device) throws Exception {
        List<Reply> replies = imaps.dialogue("CLIENTID UUID " + device,
            "AUTHENTICATE-IR " + mechanism + " " + LocalOidcProvider.initialResponse(requestedUser, token),
            "NAMESPACE");
        assertThat(replies.get(0).tagged()).as("CLIENTID reply").isEqualTo("TAG OK CLIENTID completed.");
        return replies.subList(1, replies.size());
    }

    private static void assertNotSignedIn(List<Reply> oauthThenNamespace) {
        assertThat(oauthThenNamespace.get(1).status()).as("NAMESPACE after the refused AUTHENTICATE: %s", oauthThenNamespace.get(1))
            .isNotEqualTo("OK");
    }

    private static void authorizeDelegation(String owner, String delegate) {
        given()
            .put("/users/" + owner + "/authorizedUsers/" + delegate)
        .then()
            .statusCode(200);
    }

    @Test
    @DisplayName("I16 OAUTHBEARER and XOAUTH2, SASL-IR and continuation: a trusted device with a valid token signs in")
    void trustedDeviceShouldSignInWhenTokenValid() throws Exception {
        String user = user(1);
        probe.setPolicy(user, ClientIdMode.ENFORCE, true);
        probe.enroll(user, "UUID", "imap-oauth-trusted-phone", DeviceStatus.TRUSTED);
        String initialResponse = LocalOidcProvider.initialResponse(user, OIDC.token(user));

        for (String mechanism : List.of(OAUTHBEARER, XOAUTH2)) {
            List<Reply> withIr = oauthThenNamespace(mechanism, user, OIDC.token(user), "imap-oauth-trusted-phone");
            List<Reply> afterContinuation = imaps.dialogue("CLIENTID UUID imap-oauth-trusted-phone",
                "AUTHENTICATE-SASL " + mechanism + " " + initialResponse, "NAMESPACE");

            assertThat(withIr.get(0).tagged()).as("%s with SASL-IR", mechanism).isEqualTo("TAG OK AUTHENTICATE completed.");
            assertThat(withIr.get(1).status()).as("NAMESPACE").isEqualTo("OK");
            assertThat(afterContinuation.get(1).tagged()).as("%s after the continuation", mechanism).isEqualTo("TAG OK AUTHENTICATE completed.");
            assertThat(afterContinuation.get(2).status()).as("NAMESPACE").isEqualTo("OK");
        }
    }

    @Test
    @DisplayName("I15 I16 OAUTHBEARER: an unknown device on an enforced account gets James' invalid-token reply, byte for byte, and is not signed in")
    void refusedDeviceShouldGetInvalidTokenReplyWhenOAuthBearer() throws Exception {
        String user = user(2);
        probe.setPolicy(user, ClientIdMode.ENFORCE, false);

        List<Reply> refusedDevice = oauthThenNamespace(OAUTHBEARER, user, OIDC.token(user), "imap-oauth-attacker-1");
        List<Reply> invalidToken = oauthThenNamespace(OAUTHBEARER, user, OIDC.tokenSignedByUnknownKey(user), "imap-oauth-attacker-1");

        assertThat(invalidToken.get(0).lines()).containsExactly(INVALID_TOKEN_REPLY);
        assertThat(refusedDevice.get(0).lines()).isEqualTo(invalidToken.get(0).lines());
        assertNotSignedIn(refusedDevice);
        assertThat(probe.device(user, probe.deviceId("UUID", "imap-oauth-attacker-1")))
            .as("the policy ran on the valid token").map(Device::getStatus).contains(DeviceStatus.PENDING);
    }

    @Test
    @DisplayName("I15 I16 XOAUTH2 after the continuation: a device blocked through WebAdmin gets James' invalid-token reply and is not signed in")
    void blockedDeviceShouldGetInvalidTokenReplyWhenXOAuth2() throws Exception {
        String user = user(3);
        String initialResponse = LocalOidcProvider.initialResponse(user, OIDC.token(user));
        assertThat(imaps.dialogue("CLIENTID UUID imap-oauth-stolen-laptop", "AUTHENTICATE-SASL " + XOAUTH2 + " " + initialResponse)
            .get(1).tagged()).as("first device of the account, before the block").isEqualTo("TAG OK AUTHENTICATE completed.");
        given()
            .body("{\"type\":\"UUID\",\"token\":\"imap-oauth-stolen-laptop\",\"reason\":\"reported stolen\"}")
            .post("/clientid/blocked")
        .then()
            .statusCode(201);

        List<Reply> blockedDevice = imaps.dialogue("CLIENTID UUID imap-oauth-stolen-laptop",
            "AUTHENTICATE-SASL " + XOAUTH2 + " " + initialResponse, "NAMESPACE");
        List<Reply> invalidToken = imaps.dialogue("CLIENTID UUID imap-oauth-stolen-laptop",
            "AUTHENTICATE-SASL " + XOAUTH2 + " " + LocalOidcProvider.initialResponse(user, OIDC.tokenSignedByUnknownKey(user)));

        assertThat(invalidToken.get(1).tagged()).isEqualTo(INVALID_TOKEN_REPLY);
        assertThat(blockedDevice.get(1).tagged()).isEqualTo(invalidToken.get(1).tagged());
        assertNotSignedIn(blockedDevice.subList(1, 3));
    }

    @Test
    @DisplayName("I15 refused OAuth sign-ins count toward James' failure limit: the third ends the connection, as three invalid tokens do")
    void refusedDevicesShouldCountTowardJamesFailureLimitWhenOAuth() throws Exception {
        String user = user(4);
        probe.setPolicy(user, ClientIdMode.ENFORCE, false);
        String valid = "AUTHENTICATE-IR " + OAUTHBEARER + " " + LocalOidcProvider.initialResponse(user, OIDC.token(user));
        String invalid = "AUTHENTICATE-IR " + OAUTHBEARER + " " + LocalOidcProvider.initialResponse(user, OIDC.tokenSignedByUnknownKey(user));

        List<Reply> refused = imaps.dialogue("CLIENTID UUID imap-oauth-attacker-2", valid, valid, valid, "NOOP");
        List<Reply> invalidTokens = imaps.dialogue("CLIENTID UUID imap-oauth-attacker-2", invalid, invalid, invalid, "NOOP");

        assertThat(refused).extracting(Reply::status).containsExactly("OK", "NO", "NO", "BYE");
        assertThat(invalidTokens).extracting(Reply::status).containsExactly("OK", "NO", "NO", "BYE");
        assertThat(refused.get(3).lines()).isEqualTo(invalidTokens.get(3).lines());
    }

    @Test
    @DisplayName("I16 delegation: a token acting as another account signs in when the device passes on both accounts")
    void delegatedSignInShouldSucceedWhenBothAccountsAcceptDevice() throws Exception {
        String tokenOwner = user(5);
        String actedAs = user(6);
        authorizeDelegation(actedAs, tokenOwner);

        List<Reply> replies = oauthThenNamespace(OAUTHBEARER, actedAs, OIDC.token(tokenOwner), "imap-oauth-shared-desk");

        assertThat(replies.get(0).tagged()).isEqualTo("TAG OK AUTHENTICATE completed.");
        assertThat(replies.get(1).status()).as("NAMESPACE as the account acted as").isEqualTo("OK");
        assertThat(probe.device(tokenOwner, probe.deviceId("UUID", "imap-oauth-shared-desk"))).as("token owner's history")
            .map(Device::getStatus).contains(DeviceStatus.TRUSTED);
        assertThat(probe.device(actedAs, probe.deviceId("UUID", "imap-oauth-shared-desk"))).as("acted-as account's history")
            .map(Device::getStatus).contains(DeviceStatus.TRUSTED);
    }

    @Test
    @DisplayName("I16 delegation: refused when the account acted as refuses the device (OAUTHBEARER)")
    void delegatedSignInShouldBeRefusedWhenActedAsAccountRefusesDevice() throws Exception {
        String tokenOwner = user(7);
        String actedAs = user(8);
        authorizeDelegation(actedAs, tokenOwner);
        probe.enroll(tokenOwner, "UUID", "imap-oauth-delegate-1", DeviceStatus.TRUSTED);
        probe.setPolicy(actedAs, ClientIdMode.ENFORCE, true);

        List<Reply> replies = oauthThenNamespace(OAUTHBEARER, actedAs, OIDC.token(tokenOwner), "imap-oauth-delegate-1");

        assertThat(replies.get(0).lines()).containsExactly(INVALID_TOKEN_REPLY);
        assertNotSignedIn(replies);
    }

    @Test
    @DisplayName("I16 delegation: refused when the token's own account refuses the device (XOAUTH2), before the account acted as is looked at")
    void delegatedSignInShouldBeRefusedWhenTokenOwnerRefusesDevice() throws Exception {
        String tokenOwner = user(9);
        String actedAs = user(10);
        authorizeDelegation(actedAs, tokenOwner);
        probe.setPolicy(tokenOwner, ClientIdMode.ENFORCE, true);
        probe.enroll(actedAs, "UUID", "imap-oauth-delegate-2", DeviceStatus.TRUSTED);

        List<Reply> replies = oauthThenNamespace(XOAUTH2, actedAs, OIDC.token(tokenOwner), "imap-oauth-delegate-2");

        assertThat(replies.get(0).lines()).containsExactly(INVALID_TOKEN_REPLY);
        assertNotSignedIn(replies);
        assertThat(probe.device(tokenOwner, probe.deviceId("UUID", "imap-oauth-delegate-2"))).as("token owner's history")
            .map(Device::getStatus).contains(DeviceStatus.PENDING);
    }

    @Test
    @DisplayName("I15 store down in trust-first: OAUTHBEARER with a valid token gets NO [UNAVAILABLE], not OK")
    void storeOutageShouldGiveUnavailableWhenOAuthBearer() throws Exception {
        String user = user(11);
        probe.enroll(user, "UUID", "imap-oauth-outage-phone", DeviceStatus.TRUSTED);
        store.setDown(true);

        List<Reply> replies = oauthThenNamespace(OAUTHBEARER, user, OIDC.token(user), "imap-oauth-outage-phone");

        assertThat(replies.get(0).lines()).containsExactly("TAG NO [UNAVAILABLE] AUTHENTICATE failed. Temporary authentication failure.");
        assertNotSignedIn(replies);
    }
}

package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonImapClient.Mode;
import org.jamesclientid.it.PythonImapClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMAP CLIENTID (draft-yu-imap-client-id) on a real James memory server started from the shipped conf, driven by
 * Python's imaplib over STARTTLS (port 143 of the conf) and implicit TLS (993). Display names start with the
 * requirement IDs of shared/spec/imap-clientid.md.
 */
class ClientIdImapProtocolTest {
    private static final String UUID = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";
    private static final String OTHER_UUID = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
    private static final String CAROL = "carol@example.com";
    private static final String DAVE = "dave@example.com";
    private static final String ERIN = "erin@example.com";
    private static final String FRANK = "frank@example.com";
    private static final String GRACE = "grace@example.com";
    private static final String HEIDI = "heidi@example.com";
    private static final String IVAN = "ivan@example.com";

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        // The protocol tests sign in without CLIENTID where the requirement says nothing of it: IMAP is exempt here,
        // and requiredClientIdShouldRefuseALoginWithoutOne sets the requirement on its own account.
        .clientIdProperties("clientid.mode=trust-first", "clientid.requireClientId.imap=false")
        .switchableStore()
        .build();

    private PythonImapClient imap;
    private PythonImapClient imaps;
    private PythonImapClient plaintext;
    private PythonSmtpClient smtps;
    private ClientIdTestProbe probe;
    private SwitchableDeviceHistory store;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, CAROL, DAVE, ERIN, FRANK, GRACE, HEIDI, IVAN);
        imap = new PythonImapClient(ClientIdJamesServers.imapPort(server), Mode.STARTTLS);
        imaps = new PythonImapClient(ClientIdJamesServers.imapsPort(server), Mode.IMPLICIT_TLS);
        plaintext = new PythonImapClient(ClientIdJamesServers.imapPort(server), Mode.PLAIN);
        smtps = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), PythonSmtpClient.Mode.IMPLICIT_TLS);
        probe = server.getProbe(ClientIdTestProbe.class);
        store = (SwitchableDeviceHistory) probe.deviceHistory();
    }

    @AfterEach
    void tearDown() {
        store.setDown(false);
    }

    /**
     * A device token of its own per account and use: one token signing in to many accounts would be blocked as a
     * shared device (U2).
     */
    private static String device(String user, String use) {
        return user.substring(0, user.indexOf('@')) + "-" + use;
    }

    private static String capabilities(Reply capability) {
        return capability.lines().stream()
            .filter(line -> line.startsWith("* CAPABILITY "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no CAPABILITY response in " + capability));
    }

    private static List<String> words(String capabilityLine) {
        return List.of(capabilityLine.split(" "));
    }

    @Test
    @DisplayName("I2 I7 without TLS: no CLIENTID capability, CLIENTID is BAD as an unknown command, the connection stays open")
    void clientIdShouldBeUnknownWhenPlaintext() throws Exception {
        List<Reply> replies = plaintext.dialogue("CAPABILITY", "CLIENTID UUID " + UUID, "NOOP");

        assertThat(words(capabilities(replies.get(0)))).doesNotContain("CLIENTID");
        assertThat(replies.get(1).status()).isEqualTo("BAD");
        assertThat(replies.get(1).tagged()).isEqualTo("TAG BAD failed. Unknown command.");
        assertThat(replies.get(2).tagged()).isEqualTo("TAG OK NOOP completed.");
    }

    @Test
    @DisplayName("I3 I4 after STARTTLS: CLIENTID is a bare capability, in every CAPABILITY response, signed in or not")
    void capabilityShouldListClientIdWhenAfterStartTls() throws Exception {
        List<Reply> replies = imap.dialogue("CAPABILITY", "LOGIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD,
            "CAPABILITY");

        assertThat(words(capabilities(replies.get(1)))).contains("CLIENTID");
        assertThat(capabilities(replies.get(1))).doesNotContain("CLIENTID=");
        assertThat(replies.get(2).status()).isEqualTo("OK");
        assertThat(words(capabilities(replies.get(3)))).contains("CLIENTID");
    }

    @Test
    @DisplayName("I3 I11 implicit TLS (993): CLIENTID advertised and a UUID answered OK")
    void clientIdShouldBeAcceptedWhenImplicitTls() throws Exception {
        List<Reply> replies = imaps.dialogue("CAPABILITY", "CLIENTID UUID " + UUID);

        assertThat(words(capabilities(replies.get(0)))).contains("CLIENTID");
        assertThat(replies.get(1).lines()).containsExactly("TAG OK CLIENTID completed.");
    }

    @Test
    @DisplayName("I6 I11 I12 the Thunderbird dialog: STARTTLS, CAPABILITY, CLIENTID UUID <lower-case uuid>, LOGIN, SELECT INBOX")
    void thunderbirdDialogShouldSucceedWhenAfterStartTls() throws Exception {
        List<Reply> replies = imap.dialogue("CAPABILITY", "CLIENTID UUID " + UUID,
            "LOGIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD, "SELECT INBOX");

        assertThat(replies.get(2).lines()).containsExactly("TAG OK CLIENTID completed.");
        assertThat(replies.get(3).tagged()).isEqualTo("TAG OK LOGIN completed.");
        assertThat(replies.get(4).status()).isEqualTo("OK");
    }

    @Test
    @DisplayName("I6 the verb is case-insensitive; type and token may be quoted strings (libetpan)")
    void clientIdShouldBeAcceptedWhenLowerCaseOrQuoted() throws Exception {
        assertThat(imaps.dialogue("clientid uuid " + UUID).get(0).status()).isEqualTo("OK");
        assertThat(imaps.dialogue("CLIENTID \"UUID\" \"" + UUID + "\"").get(0).status()).isEqualTo("OK");
    }

    @Test
    @DisplayName("I8 malformed: BAD naming the rule, never the token; a malformed CLIENTID does not count, the next one is OK")
    void malformedClientIdShouldBeBadAndRetryable() throws Exception {
        List<Reply> replies = imaps.dialogue(
            "CLIENTID UUID",
            "CLIENTID UUID " + UUID + " extra",
            "CLIENTID ABCDEFGHIJKLMNOPQ " + UUID,
            "CLIENTID UUID \"two words\"",
            "CLIENTID UUID " + "x".repeat(129),
            "CLIENTID UUID " + UUID);

        assertThat(replies.get(0).tagged()).isEqualTo("TAG BAD CLIENTID failed. client-id-token is required.");
        assertThat(replies.get(1).tagged()).isEqualTo("TAG BAD CLIENTID failed. too many arguments.");
        assertThat(replies.get(2).tagged()).isEqualTo("TAG BAD CLIENTID failed. client-id-type must be 1 to 16 letters, digits or '-'.");
        assertThat(replies.get(3).tagged()).isEqualTo("TAG BAD CLIENTID failed. client-id-token must be 1 to 128 printable US-ASCII characters.");
        assertThat(replies.get(4).tagged()).isEqualTo("TAG BAD CLIENTID failed. client-id-token must be 1 to 128 printable US-ASCII characters.");
        assertThat(replies.get(5).lines()).containsExactly("TAG OK CLIENTID completed.");
        assertThat(replies.subList(0, 5)).allSatisfy(reply -> assertThat(reply.lines().toString()).doesNotContain(UUID));
    }

    @Test
    @DisplayName("I9 a second CLIENTID after a successful one is BAD, the connection stays open")
    void secondClientIdShouldBeBadWhenFirstSucceeded() throws Exception {
        List<Reply> replies = imaps.dialogue("CLIENTID UUID " + UUID, "CLIENTID UUID " + OTHER_UUID, "NOOP");

        assertThat(replies.get(0).status()).isEqualTo("OK");
        assertThat(replies.get(1).tagged()).isEqualTo("TAG BAD CLIENTID failed. CLIENTID was already accepted on this connection.");
        assertThat(replies.get(2).status()).isEqualTo("OK");
    }

    @Test
    @DisplayName("I10 CLIENTID after a failed LOGIN is BAD")
    void clientIdShouldBeBadWhenAfterFailedLogin() throws Exception {
        List<Reply> replies = imaps.dialogue("LOGIN " + ClientIdJamesServers.BOB + " wrong", "CLIENTID UUID " + UUID, "NOOP");

        assertThat(replies.get(0).status()).isEqualTo("NO");
        assertThat(replies.get(1).tagged()).isEqualTo("TAG BAD CLIENTID failed. CLIENTID must come before LOGIN or AUTHENTICATE.");
        assertThat(replies.get(2).status()).isEqualTo("OK");
    }

    @Test
    @DisplayName("I10 CLIENTID once signed in (AUTHENTICATED and SELECTED) is BAD")
    void clientIdShouldBeBadWhenSignedIn() throws Exception {
        List<Reply> replies = imaps.dialogue("AUTHENTICATE-PLAIN-IR - " + ClientIdJamesServers.BOB + " " + ClientIdJamesServers.BOB_PASSWORD,
            "CLIENTID UUID " + UUID, "SELECT INBOX", "CLIENTID UUID " + UUID);

        assertThat(replies.get(0).status()).isEqualTo("OK");
        assertThat(replies.get(1).tagged()).isEqualTo("TAG BAD CLIENTID failed. CLIENTID must come before LOGIN or AUTHENTICATE.");
        assertThat(replies.get(2).status()).isEqualTo("OK");
        assertThat(replies.get(3).tagged()).isEqualTo("TAG BAD CLIENTID failed. CLIENTID must come before LOGIN or AUTHENTICATE.");
    }

    @Test
    @DisplayName("I14 I15 P7 enforce: an unknown device with the right password gets James' wrong-password LOGIN reply, byte for byte")
    void refusedDeviceShouldGetTheWrongPasswordReplyWhenLogin() throws Exception {
        String trusted = device(CAROL, "phone");
        String other = device(CAROL, "stolen");
        probe.setPolicy(CAROL, ClientIdMode.ENFORCE, false);
        probe.enroll(CAROL, "UUID", trusted, DeviceStatus.TRUSTED);

        Reply wrongPassword = imaps.dialogue("CLIENTID UUID " + trusted, "LOGIN " + CAROL + " wrong").get(1);
        Reply unknownDevice = imaps.dialogue("CLIENTID UUID " + other, "LOGIN " + CAROL + " " + ClientIdJamesServers.passwordOf(CAROL)).get(1);
        Reply trustedDevice = imaps.dialogue("CLIENTID UUID " + trusted, "LOGIN " + CAROL + " " + ClientIdJamesServers.passwordOf(CAROL)).get(1);

        assertThat(wrongPassword.lines()).containsExactly("TAG NO LOGIN failed. Invalid login/password.");
        assertThat(unknownDevice.lines()).isEqualTo(wrongPassword.lines());
        assertThat(trustedDevice.tagged()).isEqualTo("TAG OK LOGIN completed.");
    }

    @Test
    @DisplayName("I15 I16 enforce: AUTHENTICATE PLAIN with and without SASL-IR, with an authorization identity: a refused device gets James' wrong-password reply")
    void refusedDeviceShouldGetTheWrongPasswordReplyWhenAuthenticatePlain() throws Exception {
        String trusted = device(DAVE, "phone");
        String other = device(DAVE, "stolen");
        probe.setPolicy(DAVE, ClientIdMode.ENFORCE, false);
        probe.enroll(DAVE, "UUID", trusted, DeviceStatus.TRUSTED);
        String password = ClientIdJamesServers.passwordOf(DAVE);

        Reply wrongPassword = imaps.dialogue("CLIENTID UUID " + trusted, "AUTHENTICATE-PLAIN-IR - " + DAVE + " wrong").get(1);
        Reply refusedIr = imaps.dialogue("CLIENTID UUID " + other, "AUTHENTICATE-PLAIN-IR - " + DAVE + " " + password).get(1);
        Reply refusedContinuation = imaps.dialogue("CLIENTID UUID " + other, "AUTHENTICATE-PLAIN - " + DAVE + " " + password).get(1);
        Reply refusedAuthzid = imaps.dialogue("CLIENTID UUID " + other, "AUTHENTICATE-PLAIN-IR " + DAVE + " " + DAVE + " " + password).get(1);
        Reply refusedDelegation = imaps.dialogue("CLIENTID UUID " + other,
            "AUTHENTICATE-PLAIN-IR " + ClientIdJamesServers.ALICE + " " + DAVE + " " + password).get(1);
        Reply trustedIr = imaps.dialogue("CLIENTID UUID " + trusted, "AUTHENTICATE-PLAIN-IR - " + DAVE + " " + password).get(1);
        Reply trustedContinuation = imaps.dialogue("CLIENTID UUID " + trusted, "AUTHENTICATE-PLAIN " + DAVE + " " + DAVE + " " + password).get(1);

        assertThat(wrongPassword.lines()).containsExactly("TAG NO AUTHENTICATE failed. Authentication failed.");
        assertThat(refusedIr.lines()).isEqualTo(wrongPassword.lines());
        assertThat(refusedContinuation.tagged()).isEqualTo(wrongPassword.tagged());
        assertThat(refusedAuthzid.lines()).isEqualTo(wrongPassword.lines());
        assertThat(refusedDelegation.lines()).isEqualTo(wrongPassword.lines());
        assertThat(trustedIr.tagged()).isEqualTo("TAG OK AUTHENTICATE completed.");
        assertThat(trustedContinuation.tagged()).isEqualTo("TAG OK AUTHENTICATE completed.");
    }

    @Test
    @DisplayName("I12 I15 refused devices count toward James' own failure limit: the third ends the connection, as three wrong passwords do")
    void refusedDevicesShouldCountTowardJamesFailureLimit() throws Exception {
        String trusted = device(ERIN, "phone");
        String other = device(ERIN, "stolen");
        probe.setPolicy(ERIN, ClientIdMode.ENFORCE, false);
        probe.enroll(ERIN, "UUID", trusted, DeviceStatus.TRUSTED);
        String login = "LOGIN " + ERIN + " " + ClientIdJamesServers.passwordOf(ERIN);
        String wrongLogin = "LOGIN " + ERIN + " wrong";

        List<Reply> refused = imaps.dialogue("CLIENTID UUID " + other, login, login, login, "NOOP");
        List<Reply> wrongPasswords = imaps.dialogue("CLIENTID UUID " + trusted, wrongLogin, wrongLogin, wrongLogin, "NOOP");
        List<Reply> mixed = imaps.dialogue("CLIENTID UUID " + other, wrongLogin, login, wrongLogin, "NOOP");

        assertThat(refused).extracting(Reply::status).containsExactly("OK", "NO", "NO", "BYE");
        assertThat(wrongPasswords).extracting(Reply::status).containsExactly("OK", "NO", "NO", "BYE");
        assertThat(mixed).extracting(Reply::status).containsExactly("OK", "NO", "NO", "BYE");
        assertThat(refused.get(1).lines()).isEqualTo(wrongPasswords.get(1).lines());
        assertThat(refused.get(2).lines()).isEqualTo(wrongPasswords.get(2).lines());
    }

    @Test
    @DisplayName("I15 store down in a strict mode: NO [UNAVAILABLE], not a failure; service returns with the store")
    void signInShouldBeUnavailableWhenStoreDown() throws Exception {
        String trusted = device(FRANK, "phone");
        probe.setPolicy(FRANK, ClientIdMode.ENFORCE, false);
        probe.enroll(FRANK, "UUID", trusted, DeviceStatus.TRUSTED);
        String login = "LOGIN " + FRANK + " " + ClientIdJamesServers.passwordOf(FRANK);
        store.setDown(true);

        List<Reply> replies = imaps.dialogue("CLIENTID UUID " + trusted, login, login, login);

        // Without the store the account's own mode cannot be read: the global mode (trust-first here) applies.
        assertThat(replies.get(1).lines()).containsExactly("TAG NO [UNAVAILABLE] LOGIN failed. Temporary authentication failure.");
        assertThat(replies.get(3).lines()).containsExactly("TAG NO [UNAVAILABLE] LOGIN failed. Temporary authentication failure.");
        store.setDown(false);
        assertThat(imaps.dialogue("CLIENTID UUID " + trusted, login).get(1).tagged()).isEqualTo("TAG OK LOGIN completed.");
    }

    @Test
    @DisplayName("P1 I14 issue 12: an account requiring CLIENTID refuses an IMAP LOGIN without one with James' wrong-password reply")
    void requiredClientIdShouldRefuseALoginWithoutOne() throws Exception {
        probe.setPolicy(IVAN, ClientIdMode.TRUST_FIRST, true);
        String password = ClientIdJamesServers.passwordOf(IVAN);

        Reply withoutClientId = imaps.dialogue("LOGIN " + IVAN + " " + password).get(0);
        Reply wrongPassword = imaps.dialogue("CLIENTID UUID " + device(IVAN, "laptop"), "LOGIN " + IVAN + " wrong").get(1);

        assertThat(withoutClientId.lines()).containsExactly("TAG NO LOGIN failed. Invalid login/password.");
        assertThat(withoutClientId.lines()).isEqualTo(wrongPassword.lines());
        assertThat(imaps.dialogue("CLIENTID UUID " + device(IVAN, "laptop"), "LOGIN " + IVAN + " " + password).get(1).status())
            .as("the account's first device, trust-first").isEqualTo("OK");
    }

    @Test
    @DisplayName("I14 a device trusted over SMTP is the same device over IMAP, and the reverse")
    void deviceShouldBeOneDeviceAcrossSmtpAndImap() throws Exception {
        String trusted = device(GRACE, "phone");
        String other = device(GRACE, "laptop");
        probe.setPolicy(GRACE, ClientIdMode.TRUST_FIRST, false);
        String password = ClientIdJamesServers.passwordOf(GRACE);

        // First device of the account, over SMTP: trusted on first use.
        assertThat(smtps.dialogue("EHLO client.example", "CLIENTID UUID " + trusted, "AUTH PLAIN " + GRACE + " " + password).get(2).code())
            .isEqualTo(235);
        assertThat(imaps.dialogue("CLIENTID UUID " + trusted, "LOGIN " + GRACE + " " + password).get(1).tagged())
            .isEqualTo("TAG OK LOGIN completed.");
        // A second device, first seen over IMAP: pending in trust-first, and refused over SMTP as well.
        assertThat(imaps.dialogue("CLIENTID UUID " + other, "LOGIN " + GRACE + " " + password).get(1).tagged())
            .isEqualTo("TAG NO LOGIN failed. Invalid login/password.");
        assertThat(smtps.dialogue("EHLO client.example", "CLIENTID UUID " + other, "AUTH PLAIN " + GRACE + " " + password).get(2).code())
            .isEqualTo(535);
        assertThat(probe.devices(GRACE)).hasSize(2);

        // Approved over WebAdmin's store: then accepted over both protocols.
        probe.enroll(GRACE, "UUID", other, DeviceStatus.TRUSTED);
        assertThat(imaps.dialogue("CLIENTID UUID " + other, "LOGIN " + GRACE + " " + password).get(1).tagged())
            .isEqualTo("TAG OK LOGIN completed.");
        assertThat(smtps.dialogue("EHLO client.example", "CLIENTID UUID " + other, "AUTH PLAIN " + GRACE + " " + password).get(2).code())
            .isEqualTo(235);
    }

    @Test
    @DisplayName("I14 a device seen at IMAP sign-in is recorded with the client's address, over LOGIN and AUTHENTICATE's continuation")
    void deviceShouldBeRecordedWithClientAddressWhenSignedInOverImap() throws Exception {
        String phone = device(HEIDI, "phone");
        String laptop = device(HEIDI, "laptop");
        String password = ClientIdJamesServers.passwordOf(HEIDI);

        imaps.dialogue("CLIENTID UUID " + phone, "LOGIN " + HEIDI + " " + password);
        imaps.dialogue("CLIENTID UUID " + laptop, "AUTHENTICATE-PLAIN - " + HEIDI + " " + password);

        assertThat(probe.devices(HEIDI)).hasSize(2)
            .allSatisfy(device -> assertThat(probe.activity(HEIDI, device.getId()).orElseThrow().getLastIp()).contains("127.0.0.1"));
    }
}

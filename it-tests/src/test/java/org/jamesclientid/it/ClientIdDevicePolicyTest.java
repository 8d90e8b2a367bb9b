package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The device as an authentication factor on a real James (shipped conf, memory store, a clock the test moves),
 * spoken to by Python's smtplib over implicit TLS. Each test uses its own accounts and tokens.
 */
class ClientIdDevicePolicyTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private static final String PASSWORD_REFUSED = "5.7.8 Authentication credentials invalid";
    private static final List<String> USERS = IntStream.rangeClosed(1, 18)
        .mapToObj(i -> "user" + i + "@example.com")
        .collect(Collectors.toList());

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clock(CLOCK)
        // Every test signs in from 127.0.0.1: the address limit has its own test (ClientIdDeviceFactorAttackTest).
        .clientIdProperties("clientid.failures.address.limit=1000")
        .build();

    private PythonSmtpClient smtps;
    private ClientIdTestProbe probe;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, USERS.toArray(String[]::new));
        smtps = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS);
        probe = server.getProbe(ClientIdTestProbe.class);
    }

    private static String user(int i) {
        return USERS.get(i - 1);
    }

    private Reply authWithDevice(String user, String password, String type, String token) throws Exception {
        List<Reply> replies = smtps.dialogue("EHLO client.example", "CLIENTID " + type + " " + token, "AUTH PLAIN " + user + " " + password);
        assertThat(replies.get(1).code()).as("CLIENTID reply").isEqualTo(250);
        return replies.get(2);
    }

    private Reply authWithoutDevice(String user, String password) throws Exception {
        return smtps.dialogue("EHLO client.example", "AUTH PLAIN " + user + " " + password).get(1);
    }

    private Reply auth(String user, String token) throws Exception {
        return authWithDevice(user, ClientIdJamesServers.passwordOf(user), "UUID", token);
    }

    @Test
    @DisplayName("P6/P8/U3: observe records and trusts a new device, and mails the owner a notice")
    void observeShouldRecordNewDeviceAndNotifyOwner() throws Exception {
        String user = user(1);

        assertThat(auth(user, "observe-device-1").code()).isEqualTo(235);

        DeviceId id = probe.deviceId("UUID", "observe-device-1");
        assertThat(probe.device(user, id)).map(Device::getStatus).contains(DeviceStatus.TRUSTED);
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(probe.inboxSubjects(user)).contains("New device signed in to your account"));
    }

    @Test
    @DisplayName("U3/P5: trust-first trusts the first device, holds the next one as pending until approved")
    void trustFirstShouldDenySecondDeviceUntilApproved() throws Exception {
        String user = user(2);
        probe.setPolicy(user, ClientIdMode.TRUST_FIRST, false);

        assertThat(auth(user, "tofu-laptop").code()).isEqualTo(235);
        Reply second = auth(user, "tofu-stolen");

        assertThat(second.code()).isEqualTo(535);
        assertThat(second.text()).isEqualTo(PASSWORD_REFUSED);
        DeviceId stolen = probe.deviceId("UUID", "tofu-stolen");
        assertThat(probe.device(user, stolen)).map(Device::getStatus).contains(DeviceStatus.PENDING);
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(probe.inboxSubjects(user)).contains("Sign-in from an unrecognised device was refused"));

        probe.enroll(user, "UUID", "tofu-stolen", DeviceStatus.TRUSTED);
        assertThat(auth(user, "tofu-stolen").code()).isEqualTo(235);
    }

    @Test
    @DisplayName("U8/P7/P6: a stolen password from an unknown device gets byte for byte the wrong-password reply")
    void unknownDeviceShouldGetTheWrongPasswordReplyWhenEnforced() throws Exception {
        String user = user(3);
        probe.setPolicy(user, ClientIdMode.ENFORCE, false);

        Reply stolenPassword = auth(user, "attacker-device");
        Reply wrongPassword = authWithDevice(user, "not-the-password", "UUID", "attacker-device-2");

        assertThat(stolenPassword.code()).isEqualTo(535);
        assertThat(stolenPassword.code()).isEqualTo(wrongPassword.code());
        assertThat(stolenPassword.lines()).isEqualTo(wrongPassword.lines());
        assertThat(probe.device(user, probe.deviceId("UUID", "attacker-device"))).map(Device::getStatus).contains(DeviceStatus.PENDING);
    }

    @Test
    @DisplayName("U1/P5: an account restricted to its enrolled device refuses any other")
    void enforceShouldAllowOnlyEnrolledDevice() throws Exception {
        String user = user(4);
        probe.setPolicy(user, ClientIdMode.ENFORCE, true);
        probe.enroll(user, "UUID", "the-only-phone", DeviceStatus.TRUSTED);

        assertThat(auth(user, "the-only-phone").code()).isEqualTo(235);
        assertThat(auth(user, "another-phone").code()).isEqualTo(535);
        assertThat(authWithoutDevice(user, ClientIdJamesServers.passwordOf(user)).code()).isEqualTo(535);
    }

    @Test
    @DisplayName("U4/P1: a licence key enrolled out of band is required before the account is used")
    void licenceKeyShouldBeRequiredWhenEnrolledOutOfBand() throws Exception {
        String user = user(5);
        probe.setPolicy(user, ClientIdMode.ENFORCE, true);
        probe.enroll(user, "LICENSE", "LK-2026-ABCD-EFGH-IJKL", DeviceStatus.TRUSTED);

        assertThat(authWithDevice(user, ClientIdJamesServers.passwordOf(user), "LICENSE", "LK-2026-ABCD-EFGH-IJKL").code()).isEqualTo(235);
        assertThat(authWithDevice(user, ClientIdJamesServers.passwordOf(user), "LICENSE", "LK-FORGED").code()).isEqualTo(535);
        assertThat(authWithoutDevice(user, ClientIdJamesServers.passwordOf(user)).code()).isEqualTo(535);
    }

    @Test
    @DisplayName("U5/P9: clients without CLIENTID keep working where it is not required, with any type")
    void clientsWithoutClientIdShouldPassWhenNotRequired() throws Exception {
        String user = user(6);

        assertThat(authWithoutDevice(user, ClientIdJamesServers.passwordOf(user)).code()).isEqualTo(235);
        assertThat(authWithDevice(user, ClientIdJamesServers.passwordOf(user), "SOME-NEW-TYPE", "abc").code()).isEqualTo(235);
    }

    @Test
    @DisplayName("U6/U7: 10 failures of one device on an account throttle it there; another device behind the same IP, "
        + "and the same device on another account, pass")
    void failingDeviceShouldBeThrottledOnItsAccountWhileOtherDevicesBehindSameIpPass() throws Exception {
        // One failure counts per connection: ten connections.
        for (int i = 0; i < 10; i++) {
            assertThat(authWithDevice(user(7), "guess-" + i, "UUID", "credential-stuffer").code()).isEqualTo(535);
        }

        assertThat(auth(user(7), "credential-stuffer").code()).as("right password, throttled device").isEqualTo(535);
        assertThat(auth(user(7), "honest-neighbour").code()).as("other device, same IP").isEqualTo(235);
        assertThat(auth(user(8), "credential-stuffer").code()).as("same device, another account").isEqualTo(235);
        assertThat(probe.isBlocked(probe.deviceId("UUID", "credential-stuffer"))).as("not blocked everywhere").isFalse();

        CLOCK.advance(Duration.ofMinutes(16));
        assertThat(auth(user(7), "credential-stuffer").code()).as("throttle expired").isEqualTo(235);
    }

    @Test
    @DisplayName("U2/U7: a device failing on several accounts is blocked on every account")
    void deviceFailingOnManyAccountsShouldBeBlockedEverywhere() throws Exception {
        for (int account = 10; account <= 12; account++) {
            for (int i = 0; i < 10; i++) {
                authWithDevice(user(account), "guess-" + i, "UUID", "roaming-stuffer");
            }
        }

        assertThat(probe.isBlocked(probe.deviceId("UUID", "roaming-stuffer"))).isTrue();
        assertThat(auth(user(9), "roaming-stuffer").code()).as("right password, a fourth account").isEqualTo(535);
        CLOCK.advance(Duration.ofMinutes(16));
    }

    @Test
    @DisplayName("U2: one device used with more than 5 accounts within an hour is blocked")
    void sharedDeviceShouldBeBlockedWhenUsedWithTooManyAccounts() throws Exception {
        for (int i = 13; i <= 17; i++) {
            assertThat(auth(user(i), "shared-device").code()).as("account %s", i).isEqualTo(235);
        }

        assertThat(auth(user(18), "shared-device").code()).as("sixth distinct account").isEqualTo(535);
        assertThat(probe.isBlocked(probe.deviceId("UUID", "shared-device"))).isTrue();
    }

    @Test
    @DisplayName("U9: during an attack, switching an account to enforce keeps its known devices and refuses new ones")
    void enforceShouldKeepHistoricallyKnownDevicesWhenSwitchedDuringAttack() throws Exception {
        String user = user(10);
        assertThat(auth(user, "known-tablet").code()).isEqualTo(235);

        probe.setPolicy(user, ClientIdMode.ENFORCE, true);

        assertThat(auth(user, "known-tablet").code()).isEqualTo(235);
        assertThat(auth(user, "botnet-device").code()).isEqualTo(535);
    }

    @Test
    @DisplayName("P4: a revoked device is refused, and passes again once its revocation expires")
    void revokedDeviceShouldBeRefusedUntilRevocationExpires() throws Exception {
        String user = user(11);
        assertThat(auth(user, "lost-laptop").code()).isEqualTo(235);
        DeviceId id = probe.deviceId("UUID", "lost-laptop");
        Device device = probe.device(user, id).orElseThrow();
        probe.enroll(user, "UUID", "lost-laptop", DeviceStatus.TRUSTED);
        probe.save(user, device.withStatus(StatusChange.revoked(java.util.Optional.of(CLOCK.instant().plus(Duration.ofDays(1))), Actor.ADMINISTRATOR, CLOCK.instant())));

        assertThat(auth(user, "lost-laptop").code()).isEqualTo(535);

        CLOCK.advance(Duration.ofDays(2));
        assertThat(auth(user, "lost-laptop").code()).isEqualTo(235);
    }
}

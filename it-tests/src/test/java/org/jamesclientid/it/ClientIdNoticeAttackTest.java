package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13, "notices as a weapon": failed sign-ins make the server write notices, so whoever fails them chooses who
 * gets one. On a real James with the shipped mail processing (which relays what the server itself sends), behind a
 * mailet that records every mail entering processing: notices go only to accounts of this server, only to their
 * INBOX, and within the notice limits.
 */
class ClientIdNoticeAttackTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private static final String VICTIM = "notice-victim@example.com";
    private static final String BYSTANDER = "notice-bystander@example.com";
    private static final String OWNER = "notice-owner@example.com";

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clock(CLOCK)
        // A device is stopped on an account after two failures: each pair of failures raises DEVICE_BLOCKED.
        .clientIdProperties("clientid.failures.limit=2", "clientid.failures.account.limit=1000", "clientid.failures.address.limit=1000",
            "clientid.failures.allAccounts.limit=1000", "clientid.notices.perDay=2")
        .editConf("mailetcontainer.xml", RecordingMailet::first)
        .build();

    private PythonSmtpClient smtps;
    private ClientIdTestProbe probe;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, VICTIM, BYSTANDER, OWNER);
        smtps = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS);
        probe = server.getProbe(ClientIdTestProbe.class);
    }

    /**
     * Two failed AUTHs of one device, each on its own connection, as an unauthenticated client: enough to block it.
     */
    private void blockDevice(String user, String token) throws Exception {
        for (int i = 0; i < 2; i++) {
            List<Reply> replies = smtps.dialogue("EHLO attacker.example", "CLIENTID UUID " + token, "AUTH PLAIN " + user + " guess-" + i);
            assertThat(replies.get(replies.size() - 1).code()).isEqualTo(535);
        }
    }

    @Test
    @DisplayName("13.6: failed AUTHs naming a remote address or an unknown local part never make the server send mail")
    void failedAuthsShouldNeverSendMailWhenTheyNameAnotherServersAddress() throws Exception {
        for (int device = 0; device < 5; device++) {
            blockDevice("someone@remote.example", "remote-target-" + device);
            blockDevice("nobody@example.com", "unknown-target-" + device);
        }
        // A notice the server does write, so that the absence of the others is not a matter of waiting too little.
        blockDevice(BYSTANDER, "bystander-target");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.inboxSubjects(BYSTANDER)).hasSize(1));
        Thread.sleep(500);

        assertThat(RecordingMailet.recipients()).as("mail that entered James' mail processing").isEmpty();
        assertThat(probe.inboxSubjects("nobody@example.com")).isEmpty();
    }

    @Test
    @DisplayName("13.6: an account gets at most clientid.notices.perDay notices a day, then one digest, all in its INBOX")
    void noticesShouldStopAtTheDailyLimitWithOneDigestWhenAnAttackerRotatesDevices() throws Exception {
        for (int device = 0; device < 6; device++) {
            blockDevice(VICTIM, "rotating-" + device);
        }
        // The same device again, within the hour: no second notice for it.
        CLOCK.advance(Duration.ofMinutes(20));
        blockDevice(VICTIM, "rotating-0");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.inboxSubjects(VICTIM)).hasSize(3));
        Thread.sleep(500);
        List<String> subjects = probe.inboxSubjects(VICTIM);
        assertThat(subjects).hasSize(3);
        assertThat(subjects.get(2)).isEqualTo("More sign-in notices for your account were held back today");
        assertThat(RecordingMailet.recipients()).as("mail that entered James' mail processing")
            .doesNotContain(new MailAddress(VICTIM));
    }

    @Test
    @DisplayName("15.2: the right password without CLIENTID on a strict account gets its owner a notice naming the program")
    void signInWithoutClientIdShouldWriteANoticeNamingTheProgramWhenTheAccountRequiresOne() throws Exception {
        probe.deviceHistory().policies().setPolicy(Username.of(OWNER), AccountPolicy.of(ClientIdMode.ENFORCE)).block();

        List<Reply> replies = smtps.dialogue("EHLO owners-old-laptop", "AUTH PLAIN " + OWNER + " " + ClientIdJamesServers.passwordOf(OWNER));

        assertThat(replies.get(1).code()).isEqualTo(535);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.inboxTexts(OWNER)).singleElement()
            .satisfies(text -> assertThat(text)
                .startsWith("Sign-in without a device identity was refused")
                .contains("introduced itself as \"owners-old-laptop\"")
                .contains("address 127.0.0.1")
                .contains("turn CLIENTID on")));
    }
}

package org.jamesclientid.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.mailet.base.test.FakeMailContext;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.policy.Alert;
import org.jamesclientid.smtp.ClientId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailboxNoticeAlertListenerTest {
    private static final String TOKEN = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";
    private static final ClientId CLIENT_ID = ClientId.of("UUID", TOKEN);
    private static final DeviceIdFactory DEVICE_IDS = DeviceIdFactory.withSecret("0123456789abcdef0123456789abcdef");

    private FakeMailContext mailContext;
    private MailboxNoticeAlertListener listener;

    @BeforeEach
    void setUp() throws Exception {
        mailContext = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        listener = new MailboxNoticeAlertListener(mailContext);
    }

    private static Alert alert(Alert.Kind kind, String user, boolean userLog) {
        return Alert.builder()
            .kind(kind)
            .username(Username.of(user))
            .device(DEVICE_IDS.deviceId(CLIENT_ID), CLIENT_ID.getType(), DeviceIdFactory.hint(CLIENT_ID))
            .ip(Optional.of("192.0.2.7"))
            .at(Instant.parse("2026-11-27T10:00:00Z"))
            .visibility(true, userLog)
            .build();
    }

    @Test
    void onAlertShouldMailTheOwnerWhenNewDevice() throws Exception {
        listener.onAlert(alert(Alert.Kind.NEW_DEVICE, "alice@example.com", true)).block();

        await().atMost(Duration.ofSeconds(10)).until(() -> mailContext.getSentMails().size() == 1);
        FakeMailContext.SentMail sent = mailContext.getSentMails().get(0);
        assertThat(sent.getRecipients()).containsOnly(new MailAddress("alice@example.com"));
        assertThat(sent.getSubject()).contains("New device signed in to your account");
        assertThat(sent.getMsg().getContent().toString())
            .contains("23bf...d1a3")
            .contains("192.0.2.7")
            .doesNotContain(TOKEN);
    }

    @Test
    void onAlertShouldMailTheOwnerWhenDeviceDenied() throws Exception {
        listener.onAlert(alert(Alert.Kind.DEVICE_DENIED, "alice@example.com", true)).block();

        await().atMost(Duration.ofSeconds(10)).until(() -> mailContext.getSentMails().size() == 1);
        assertThat(mailContext.getSentMails().get(0).getSubject()).contains("Sign-in from an unrecognised device was refused");
    }

    @Test
    void onAlertShouldNotMailWhenTypeIsNotUserLog() throws Exception {
        listener.onAlert(alert(Alert.Kind.NEW_DEVICE, "alice@example.com", false)).block();

        Thread.sleep(200);
        assertThat(mailContext.getSentMails()).isEmpty();
    }

    @Test
    void onAlertShouldNotMailWhenAuthSucceededAlert() throws Exception {
        listener.onAlert(alert(Alert.Kind.AUTH_SUCCEEDED, "alice@example.com", true)).block();

        Thread.sleep(200);
        assertThat(mailContext.getSentMails()).isEmpty();
    }

    @Test
    void onAlertShouldNotFailWhenAccountHasNoMailAddress() {
        listener.onAlert(alert(Alert.Kind.NEW_DEVICE, "alice", true)).block();

        assertThat(mailContext.getSentMails()).isEmpty();
    }
}

package org.jamesclientid.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.apache.mailet.base.test.FakeMailContext;
import org.jamesclientid.administration.DeviceStatusChanges;
import org.jamesclientid.alert.InboxReplyConfirmations;
import org.jamesclientid.alert.RecordingNoticeMailbox;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.MemoryDeviceHistories;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.policy.Alert;
import org.jamesclientid.policy.PolicyConfigurations;
import org.jamesclientid.reply.DeviceReplies;
import org.jamesclientid.reply.MemoryReplyCodes;
import org.jamesclientid.reply.ReplyAddresses;
import org.jamesclientid.reply.ReplyConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableSet;

/**
 * The reply hook in James' real SMTP handler chain, with a last message hook standing for the queue: a reply is
 * answered 250 and never reaches it; a refusal says the same whatever its reason.
 */
class ClientIdReplyHookTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Username ALICE = Username.of("alice@example.com");
    private static final DeviceId LAPTOP = DeviceId.of("aaaaaaaaaaaaaaaaaaaaaaaa");
    private static final DeviceId NEW_PHONE = DeviceId.of("bbbbbbbbbbbbbbbbbbbbbbbb");
    private static final String UNKNOWN_CODE = "clientid-approve-0123456789abcdef0123456789abcdef@example.com";

    /**
     * Where SendMailHandler would queue the mail.
     */
    private static final class RecordingQueue implements MessageHook {
        private final List<MailAddress> queued = new CopyOnWriteArrayList<>();

        @Override
        public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
            queued.addAll(mail.getRecipients());
            return HookResult.builder().hookReturnCode(HookReturnCode.ok()).smtpReturnCode("250").smtpDescription("2.6.0 Message received").build();
        }
    }

    private DeviceHistory history;
    private DeviceReplies replies;
    private RecordingQueue queue;
    private SmtpDialogue dialogue;
    private ReplyAddresses notice;

    @BeforeEach
    void setUp() throws Exception {
        history = MemoryDeviceHistories.create();
        replies = new DeviceReplies(new MemoryReplyCodes(), history, new DeviceStatusChanges(history.devices(), Clock.systemUTC(), ImmutableSet.of()),
            PolicyConfigurations.policy("clientid.mode=trust-first"), ReplyConfiguration.of(Duration.ofHours(72)),
            new InboxReplyConfirmations(new RecordingNoticeMailbox(), FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build()),
            Clock.fixed(NOW, ZoneOffset.UTC));
        history.devices().add(ALICE, device(LAPTOP, DeviceStatus.TRUSTED)).block();
        history.devices().add(ALICE, device(NEW_PHONE, DeviceStatus.PENDING)).block();
        notice = replies.addressesFor(Alert.builder()
                .kind(Alert.Kind.DEVICE_DENIED)
                .username(ALICE)
                .device(NEW_PHONE, "UUID", "23bf...d1a3")
                .at(NOW)
                .visibility(true, true)
                .build())
            .block();
        queue = new RecordingQueue();
        dialogue = SmtpDialogue.implicitTls(new ClientIdReplyHook(replies), queue);
        dialogue.send("EHLO client.example");
    }

    private static Device device(DeviceId id, DeviceStatus status) {
        return Device.builder().id(id).type("UUID").hint("23bf...d1a3").status(StatusChange.of(status, Optional.empty(), Actor.SIGN_IN, NOW.minus(Duration.ofDays(7)))).firstSeen(NOW.minus(Duration.ofDays(7))).build();
    }

    private void signedIn(DeviceId device) {
        dialogue.session().setUsername(ALICE);
        dialogue.session().setRelayingAllowed(true);
        dialogue.session().setAttachment(ClientIdAuthHook.SIGNED_IN_DEVICE, device, ProtocolSession.State.Connection);
    }

    private String approve() {
        return notice.getApprove().orElseThrow().asString();
    }

    private String sendMessage() {
        assertThat(dialogue.code("DATA")).isEqualTo("354");
        dialogue.send("From: someone-else@example.com");
        dialogue.send("Subject: Re: Sign-in from an unrecognised device was refused");
        dialogue.send("");
        dialogue.send("yes");
        return dialogue.sendAndGetLastLine(".");
    }

    @Test
    void replyShouldApproveAndNeverBeQueuedWhenSentFromATrustedDevice() {
        signedIn(LAPTOP);
        dialogue.send("MAIL FROM:<alice@example.com>");

        assertThat(dialogue.code("RCPT TO:<" + approve() + ">")).isEqualTo("250");
        assertThat(sendMessage()).startsWith("250 2.0.0 Done");

        assertThat(queue.queued).isEmpty();
        assertThat(history.devices().device(ALICE, NEW_PHONE).block().getStatus()).isEqualTo(DeviceStatus.TRUSTED);
    }

    @Test
    void otherMailShouldBeQueuedWhenNoReplyAddress() throws Exception {
        signedIn(LAPTOP);
        dialogue.send("MAIL FROM:<alice@example.com>");

        assertThat(dialogue.code("RCPT TO:<bob@example.com>")).isEqualTo("250");
        assertThat(sendMessage()).startsWith("250 2.6.0");

        assertThat(queue.queued).containsExactly(new MailAddress("bob@example.com"));
    }

    @Test
    void replyShouldBeRefusedWithTheSameTextWhenThePendingDeviceSendsIt() {
        signedIn(NEW_PHONE);
        dialogue.send("MAIL FROM:<alice@example.com>");
        List<String> fromPendingDevice = dialogue.send("RCPT TO:<" + approve() + ">");
        List<String> unknownCode = dialogue.send("RCPT TO:<" + UNKNOWN_CODE + ">");

        assertThat(fromPendingDevice).containsExactly("550 5.7.1 Reply not accepted: send it signed in as the account, from a device it "
            + "trusts (CLIENTID), to an unused and unexpired address of a notice");
        assertThat(unknownCode).isEqualTo(fromPendingDevice);
        assertThat(history.devices().device(ALICE, NEW_PHONE).block().getStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void replyShouldBeRefusedWhenTheSessionDidNotSignInWithClientId() {
        dialogue.session().setUsername(ALICE);
        dialogue.session().setRelayingAllowed(true);
        dialogue.send("MAIL FROM:<alice@example.com>");

        assertThat(dialogue.sendAndGetLastLine("RCPT TO:<" + approve() + ">")).startsWith("550 5.7.1 Reply not accepted");
        assertThat(history.devices().device(ALICE, NEW_PHONE).block().getStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void replyShouldBeRefusedWhenSentWithoutAuth() {
        dialogue.send("MAIL FROM:<alice@example.com>");

        assertThat(dialogue.sendAndGetLastLine("RCPT TO:<" + approve() + ">")).startsWith("550 5.7.1 Reply not accepted");
        assertThat(history.devices().device(ALICE, NEW_PHONE).block().getStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void replyShouldBeRefusedWhenTheTransactionHasAnotherRecipient() {
        signedIn(LAPTOP);
        dialogue.send("MAIL FROM:<alice@example.com>");
        dialogue.send("RCPT TO:<bob@example.com>");

        assertThat(dialogue.sendAndGetLastLine("RCPT TO:<" + approve() + ">")).startsWith("550 5.5.3");
        assertThat(history.devices().device(ALICE, NEW_PHONE).block().getStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void otherRecipientShouldBeRefusedWhenTheTransactionHasAReply() {
        signedIn(LAPTOP);
        dialogue.send("MAIL FROM:<alice@example.com>");
        dialogue.send("RCPT TO:<" + approve() + ">");

        assertThat(dialogue.sendAndGetLastLine("RCPT TO:<bob@example.com>")).startsWith("550 5.5.3");
        assertThat(sendMessage()).startsWith("250 2.0.0 Done");
        assertThat(queue.queued).isEmpty();
    }
}

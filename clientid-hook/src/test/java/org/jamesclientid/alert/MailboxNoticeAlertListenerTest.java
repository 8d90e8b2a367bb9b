package org.jamesclientid.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.mailet.base.test.FakeMailContext;
import org.jamesclientid.administration.DeviceStatusChanges;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.MemoryDeviceHistories;
import org.jamesclientid.policy.Alert;
import org.jamesclientid.policy.PolicyConfigurations;
import org.jamesclientid.reply.DeviceReplies;
import org.jamesclientid.reply.MemoryReplyCodes;
import org.jamesclientid.reply.ReplyCodes;
import org.jamesclientid.reply.ReplyConfiguration;
import org.jamesclientid.reply.ReplyGrant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Mono;

class MailboxNoticeAlertListenerTest {
    private static final String TOKEN = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";
    private static final ClientId CLIENT_ID = ClientId.of("UUID", TOKEN);
    private static final DeviceIdFactory DEVICE_IDS = DeviceIdFactory.withSecret("0123456789abcdef0123456789abcdef");
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final String ALICE = "alice@example.com";

    private FakeMailContext mailContext;
    private RecordingNoticeMailbox mailbox;
    private MemoryUsersRepository users;
    private MailboxNoticeAlertListener listener;

    @BeforeEach
    void setUp() throws Exception {
        mailContext = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        MemoryDomainList domainList = new MemoryDomainList(null);
        domainList.configure(DomainListConfiguration.builder()
            .autoDetect(false)
            .autoDetectIp(false)
            .defaultDomain(Domain.of("example.com"))
            .addConfiguredDomain(Domain.of("example.com")));
        users = MemoryUsersRepository.withVirtualHosting(domainList);
        users.addUser(Username.of(ALICE), "alice-secret");
        mailbox = new RecordingNoticeMailbox();
        DeviceHistory history = MemoryDeviceHistories.create();
        DeviceReplies replies = new DeviceReplies(new MemoryReplyCodes(), history, new DeviceStatusChanges(history.devices(), Clock.systemUTC(), ImmutableSet.of()),
            PolicyConfigurations.policy("clientid.mode=trust-first"), ReplyConfiguration.DEFAULT, new InboxReplyConfirmations(mailbox, mailContext),
            Clock.fixed(NOW, ZoneOffset.UTC));
        listener = new MailboxNoticeAlertListener(users, mailbox,
            new MemoryNoticeLimits(NoticeLimitsConfiguration.of(Duration.ofHours(1), 3)), mailContext, replies);
    }

    private static Alert alert(Alert.Kind kind, String user, boolean userLog) {
        return alert(kind, user, userLog, CLIENT_ID, NOW);
    }

    private static Alert alert(Alert.Kind kind, String user, boolean userLog, ClientId clientId, Instant at) {
        return Alert.builder()
            .kind(kind)
            .username(Username.of(user))
            .device(DEVICE_IDS.deviceId(clientId), clientId.getType(), DeviceIdFactory.hint(clientId))
            .ip(Optional.of("192.0.2.7"))
            .at(at)
            .visibility(true, userLog)
            .build();
    }

    private void deliver(Alert alert) {
        if (Notice.about(alert).isPresent()) {
            listener.deliver(alert).block();
        }
    }

    @Test
    void deliverShouldAppendToTheOwnersInboxWhenNewDevice() throws Exception {
        deliver(alert(Alert.Kind.NEW_DEVICE, ALICE, true));

        assertThat(mailbox.appended()).hasSize(1);
        RecordingNoticeMailbox.Appended notice = mailbox.appended().get(0);
        assertThat(notice.owner).isEqualTo(Username.of(ALICE));
        assertThat(notice.subject()).contains("New device signed in to your account");
        assertThat(notice.body())
            .contains("23bf...d1a3")
            .contains("192.0.2.7")
            .doesNotContain(TOKEN);
    }

    @Test
    void deliverShouldNeverSendThroughMailProcessingWhenNoticeWritten() {
        deliver(alert(Alert.Kind.DEVICE_BLOCKED, ALICE, true));

        assertThat(mailbox.appended()).hasSize(1);
        assertThat(mailContext.getSentMails()).isEmpty();
    }

    @Test
    void deliverShouldWriteNothingWhenAccountIsRemote() {
        deliver(alert(Alert.Kind.DEVICE_BLOCKED, "someone@remote.example", true));

        assertThat(mailbox.appended()).isEmpty();
        assertThat(mailContext.getSentMails()).isEmpty();
    }

    @Test
    void deliverShouldWriteNothingWhenLocalPartIsUnknown() {
        deliver(alert(Alert.Kind.DEVICE_BLOCKED, "nobody@example.com", true));
        deliver(alert(Alert.Kind.DEVICE_BLOCKED, "alice", true));

        assertThat(mailbox.appended()).isEmpty();
    }

    @Test
    void deliverShouldWriteOneNoticePerDeviceAndKindWhenRepeatedWithinTheInterval() throws Exception {
        deliver(alert(Alert.Kind.DEVICE_BLOCKED, ALICE, true, CLIENT_ID, NOW));
        deliver(alert(Alert.Kind.DEVICE_BLOCKED, ALICE, true, CLIENT_ID, NOW.plus(Duration.ofMinutes(59))));

        assertThat(mailbox.appended()).hasSize(1);

        deliver(alert(Alert.Kind.DEVICE_BLOCKED, ALICE, true, CLIENT_ID, NOW.plus(Duration.ofMinutes(61))));
        assertThat(mailbox.appended()).hasSize(2);
    }

    @Test
    void deliverShouldWriteOneDigestThenNothingWhenDailyLimitReached() throws Exception {
        for (int i = 0; i < 10; i++) {
            deliver(alert(Alert.Kind.DEVICE_BLOCKED, ALICE, true, ClientId.of("UUID", "rotating-" + i), NOW.plus(Duration.ofMinutes(i))));
        }

        assertThat(mailbox.appended()).hasSize(4);
        assertThat(mailbox.appended().get(3).subject()).isEqualTo(MailboxNoticeAlertListener.DIGEST_SUBJECT);
        assertThat(mailbox.appended().get(3).body()).contains("no further notice");

        deliver(alert(Alert.Kind.DEVICE_BLOCKED, ALICE, true, ClientId.of("UUID", "next-day"), Instant.parse("2026-11-28T00:00:01Z")));
        assertThat(mailbox.appended()).hasSize(5);
    }

    @Test
    void onAlertShouldNotWriteWhenTypeIsNotUserLog() throws Exception {
        listener.onAlert(alert(Alert.Kind.NEW_DEVICE, ALICE, false)).block();

        Thread.sleep(200);
        assertThat(mailbox.appended()).isEmpty();
    }

    @Test
    void onAlertShouldNotWriteWhenAuthSucceededAlert() throws Exception {
        listener.onAlert(alert(Alert.Kind.AUTH_SUCCEEDED, ALICE, true)).block();

        Thread.sleep(200);
        assertThat(mailbox.appended()).isEmpty();
    }

    @Test
    void deliverShouldOfferReplyAddressesWithRevocationAsTheReplyToWhenAnUnknownDeviceWasRefused() throws Exception {
        deliver(alert(Alert.Kind.DEVICE_DENIED, ALICE, true));

        RecordingNoticeMailbox.Appended notice = mailbox.appended().get(0);
        assertThat(notice.message.getReplyTo()).singleElement()
            .satisfies(replyTo -> assertThat(replyTo.toString()).matches("clientid-revoke-[0-9a-f]{32}@example\\.com"));
        assertThat(notice.body()).containsPattern("clientid-approve-[0-9a-f]{32}@example\\.com");
    }

    @Test
    void deliverShouldOfferNoReplyAddressWhenTheNoticeIsAboutABlock() throws Exception {
        deliver(alert(Alert.Kind.DEVICE_BLOCKED, ALICE, true));

        RecordingNoticeMailbox.Appended notice = mailbox.appended().get(0);
        assertThat(notice.message.getHeader("Reply-To")).isNull();
        assertThat(notice.body()).doesNotContain("clientid-");
    }

    @Test
    void deliverShouldWriteTheNoticeWithoutReplyAddressesWhenTheCodesCannotBeStored() throws Exception {
        DeviceHistory history = MemoryDeviceHistories.create();
        ReplyCodes failing = new MemoryReplyCodes() {
            @Override
            public Mono<Void> save(String codeHash, ReplyGrant grant, Instant now) {
                return Mono.error(new IllegalStateException("store down"));
            }
        };
        MailboxNoticeAlertListener withFailingCodes = new MailboxNoticeAlertListener(users, mailbox,
            new MemoryNoticeLimits(NoticeLimitsConfiguration.DEFAULT), mailContext,
            new DeviceReplies(failing, history, new DeviceStatusChanges(history.devices(), Clock.systemUTC(), ImmutableSet.of()), PolicyConfigurations.policy("clientid.mode=trust-first"),
                ReplyConfiguration.DEFAULT, new InboxReplyConfirmations(mailbox, mailContext), Clock.fixed(NOW, ZoneOffset.UTC)));

        withFailingCodes.deliver(alert(Alert.Kind.DEVICE_DENIED, ALICE, true)).block();

        assertThat(mailbox.appended()).singleElement()
            .satisfies(notice -> assertThat(notice.body()).contains("only an administrator can approve").doesNotContain("clientid-"));
    }
}

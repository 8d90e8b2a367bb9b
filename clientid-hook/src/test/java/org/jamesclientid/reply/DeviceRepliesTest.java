package org.jamesclientid.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.mailet.base.test.FakeMailContext;
import org.jamesclientid.administration.DeviceStatusChanges;
import org.jamesclientid.alert.InboxReplyConfirmations;
import org.jamesclientid.alert.RecordingNoticeMailbox;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.MemoryDeviceHistories;
import org.jamesclientid.device.SettableClock;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.policy.Alert;
import org.jamesclientid.policy.PolicyConfigurations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableSet;

/**
 * Approval and revocation by reply (issue 15, part 3), attacked: every way a reply could be honoured for someone who
 * must not make the change.
 */
class DeviceRepliesTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Username ALICE = Username.of("alice@example.com");
    private static final Username BOB = Username.of("bob@example.com");
    private static final DeviceId LAPTOP = DeviceId.of("aaaaaaaaaaaaaaaaaaaaaaaa");
    private static final DeviceId NEW_PHONE = DeviceId.of("bbbbbbbbbbbbbbbbbbbbbbbb");
    private static final DeviceId BOBS_LAPTOP = DeviceId.of("cccccccccccccccccccccccc");

    private static final class SettableClock extends Clock {
        private Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private SettableClock clock;
    private DeviceHistory history;
    private MemoryReplyCodes codes;
    private RecordingNoticeMailbox mailbox;
    private DeviceReplies replies;

    @BeforeEach
    void setUp() throws Exception {
        clock = new SettableClock();
        history = MemoryDeviceHistories.create();
        codes = new MemoryReplyCodes();
        mailbox = new RecordingNoticeMailbox();
        replies = new DeviceReplies(codes, history, new DeviceStatusChanges(history.devices(), Clock.systemUTC(), ImmutableSet.of()), PolicyConfigurations.policy("clientid.mode=trust-first"),
            ReplyConfiguration.of(Duration.ofHours(72)),
            new InboxReplyConfirmations(mailbox, FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build()), clock);
        history.devices().add(ALICE, device(LAPTOP, DeviceStatus.TRUSTED)).block();
        history.devices().add(ALICE, device(NEW_PHONE, DeviceStatus.PENDING)).block();
        history.devices().add(BOB, device(BOBS_LAPTOP, DeviceStatus.TRUSTED)).block();
    }

    private static Device device(DeviceId id, DeviceStatus status) {
        return Device.builder()
            .id(id)
            .type("UUID")
            .hint("23bf...d1a3")
            .status(StatusChange.of(status, Optional.empty(), Actor.SIGN_IN, NOW.minus(Duration.ofDays(7))))
            .firstSeen(NOW.minus(Duration.ofDays(7)))
            .build();
    }

    private ReplyAddresses noticeAbout(Alert.Kind kind, Username owner, DeviceId device) {
        return replies.addressesFor(Alert.builder()
                .kind(kind)
                .username(owner)
                .device(device, "UUID", "23bf...d1a3")
                .at(NOW)
                .visibility(true, true)
                .build())
            .block();
    }

    private ReplyAddress approveAddress() {
        return noticeAbout(Alert.Kind.DEVICE_DENIED, ALICE, NEW_PHONE).getApprove().orElseThrow();
    }

    private ReplyAddress revokeAddress() {
        return noticeAbout(Alert.Kind.DEVICE_DENIED, ALICE, NEW_PHONE).getRevoke().orElseThrow();
    }

    private boolean reply(Username signedIn, DeviceId sessionDevice, ReplyAddress address) {
        return replies.resolve(Optional.of(signedIn), Optional.of(sessionDevice), address).block();
    }

    private DeviceStatus newPhoneStatus() {
        return history.devices().device(ALICE, NEW_PHONE).block().getStatus();
    }

    @Test
    void resolveShouldApproveTheDeviceWhenTheOwnerRepliesFromATrustedDevice() throws Exception {
        assertThat(reply(ALICE, LAPTOP, approveAddress())).isTrue();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.TRUSTED);
        assertThat(mailbox.appended()).singleElement()
            .satisfies(confirmation -> assertThat(confirmation.subject()).isEqualTo("You approved a device of your account"));
    }

    @Test
    void resolveShouldRevokeTheDeviceWhenTheOwnerRepliesFromATrustedDevice() {
        assertThat(reply(ALICE, LAPTOP, revokeAddress())).isTrue();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.REVOKED);
    }

    @Test
    void resolveShouldRevokeWhenTheAccountIsInObserve() {
        history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.OBSERVE)).block();
        history.devices().changeStatus(ALICE, NEW_PHONE, StatusChange.trusted(Actor.SIGN_IN, NOW)).block();
        ReplyAddress revoke = noticeAbout(Alert.Kind.NEW_DEVICE, ALICE, NEW_PHONE).getRevoke().orElseThrow();

        assertThat(reply(ALICE, LAPTOP, revoke)).isTrue();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.REVOKED);
    }

    @Test
    void resolveShouldRefuseWhenTheSessionDidNotSignIn() {
        assertThat(replies.resolve(Optional.empty(), Optional.of(LAPTOP), approveAddress()).block()).isFalse();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void resolveShouldRefuseWhenTheSessionSignedInWithoutClientId() {
        assertThat(replies.resolve(Optional.of(ALICE), Optional.empty(), approveAddress()).block()).isFalse();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void resolveShouldRefuseWhenThePendingDeviceRepliesForItself() {
        assertThat(reply(ALICE, NEW_PHONE, approveAddress())).isFalse();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void resolveShouldRefuseWhenTheSessionDeviceWasRevokedSinceItSignedIn() {
        ReplyAddress approve = approveAddress();
        history.devices().changeStatus(ALICE, LAPTOP, StatusChange.revoked(Optional.empty(), Actor.ADMINISTRATOR, NOW)).block();

        assertThat(reply(ALICE, LAPTOP, approve)).isFalse();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void resolveShouldRefuseWhenTheSessionDeviceIsUnknownToTheAccount() {
        assertThat(reply(ALICE, BOBS_LAPTOP, approveAddress())).isFalse();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void resolveShouldRefuseWhenTheCodeIsReplayed() {
        ReplyAddress approve = approveAddress();
        assertThat(reply(ALICE, LAPTOP, approve)).isTrue();
        history.devices().changeStatus(ALICE, NEW_PHONE, StatusChange.pending(Actor.ADMINISTRATOR, NOW)).block();

        assertThat(reply(ALICE, LAPTOP, approve)).isFalse();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.PENDING);
        assertThat(mailbox.appended()).hasSize(1);
    }

    @Test
    void resolveShouldRefuseWhenTheCodeExpired() {
        ReplyAddress approve = approveAddress();
        clock.now = NOW.plus(Duration.ofHours(72));

        assertThat(reply(ALICE, LAPTOP, approve)).isFalse();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void resolveShouldAcceptWhenTheCodeIsAboutToExpire() {
        ReplyAddress approve = approveAddress();
        clock.now = NOW.plus(Duration.ofHours(72)).minusSeconds(1);

        assertThat(reply(ALICE, LAPTOP, approve)).isTrue();
    }

    @Test
    void resolveShouldRefuseWhenTheCodeIsForAnotherAccount() {
        ReplyAddress alicesApprove = approveAddress();

        assertThat(reply(BOB, BOBS_LAPTOP, alicesApprove)).isFalse();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void resolveShouldRefuseWhenTheCodeIsSentToTheAddressOfAnotherAction() {
        ReplyAddress revoke = revokeAddress();
        ReplyAddress approveWithTheRevokeCode = ReplyAddress.of(ReplyAction.APPROVE, revoke.getCode(), revoke.getDomain());

        assertThat(reply(ALICE, LAPTOP, approveWithTheRevokeCode)).isFalse();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void resolveShouldRefuseAnApproveCodeWhenTheAccountIsNowInEnforce() {
        ReplyAddress approve = approveAddress();
        history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.ENFORCE)).block();

        assertThat(reply(ALICE, LAPTOP, approve)).isFalse();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void resolveShouldRefuseWhenTheCodeWasNeverIssued() {
        ReplyAddress guessed = ReplyAddress.of(ReplyAction.APPROVE, ReplyCode.parse("0123456789abcdef0123456789abcdef").orElseThrow(),
            approveAddress().getDomain());

        assertThat(reply(ALICE, LAPTOP, guessed)).isFalse();

        assertThat(newPhoneStatus()).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void resolveShouldKeepTheCodeWhenARefusedSessionTriesIt() {
        ReplyAddress approve = approveAddress();
        assertThat(reply(ALICE, NEW_PHONE, approve)).isFalse();

        assertThat(reply(ALICE, LAPTOP, approve)).isTrue();
    }

    @Test
    void addressesForShouldOfferNoApprovalWhenTheAccountIsInEnforce() {
        history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.ENFORCE)).block();

        ReplyAddresses addresses = noticeAbout(Alert.Kind.DEVICE_DENIED, ALICE, NEW_PHONE);

        assertThat(addresses.getApprove()).isEmpty();
        assertThat(addresses.getRevoke()).isPresent();
    }

    @Test
    void addressesForShouldOfferOnlyRevocationWhenANewDeviceWasTrusted() {
        ReplyAddresses addresses = noticeAbout(Alert.Kind.NEW_DEVICE, ALICE, NEW_PHONE);

        assertThat(addresses.getApprove()).isEmpty();
        assertThat(addresses.getRevoke()).isPresent();
        assertThat(addresses.getValidUntil()).contains(NOW.plus(Duration.ofHours(72)));
    }

    @Test
    void addressesForShouldOfferNothingWhenTheNoticeIsAboutABlock() {
        assertThat(noticeAbout(Alert.Kind.DEVICE_BLOCKED, ALICE, NEW_PHONE)).isEqualTo(ReplyAddresses.NONE);
    }

    @Test
    void addressesForShouldUseTheAccountsDomain() {
        assertThat(revokeAddress().asString()).startsWith("clientid-revoke-").endsWith("@example.com");
    }

    @Test
    void addressesForShouldStoreOnlyTheHashOfTheCode() {
        ReplyAddress approve = approveAddress();

        assertThat(codes.find(approve.getCode().asString()).blockOptional()).isEmpty();
        assertThat(codes.find(approve.getCode().hash()).blockOptional()).isPresent();
    }
}

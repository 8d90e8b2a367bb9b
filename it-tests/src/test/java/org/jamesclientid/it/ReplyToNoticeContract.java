package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.GuiceJamesServer;
import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, part 3, on a real James with the shipped conf (trust-first) and Python's smtplib as the owner's mail
 * program: a notice about a refused device carries reply addresses; a reply from a device the account trusts approves
 * or revokes it, is answered 250 and never enters mail processing; every other reply is refused with one 550.
 *
 * <p>Implemented on the memory store ({@link ClientIdReplyToNoticeTest}), on the Cassandra store, where the codes
 * are {@code CassandraReplyCodes} rows ({@link ClientIdCassandraReplyToNoticeTest}), and on the JDBC store on Derby,
 * where they are {@code JdbcReplyCodes} rows ({@link ClientIdJdbcReplyToNoticeTest}). Each implementation runs
 * {@link #PROPERTIES} and records the mail that enters mail processing ({@link RecordingMailet#first}).</p>
 */
interface ReplyToNoticeContract {
    String[] PROPERTIES = {"clientid.mode=trust-first"};
    Pattern REPLY_ADDRESS = Pattern.compile("clientid-(approve|revoke)-[0-9a-f]{32}@example\\.com");
    String REFUSED = "5.7.1 Reply not accepted";
    String[] OWNERS = {"reply-approver@example.com", "reply-revoker@example.com", "reply-replayer@example.com",
        "reply-late@example.com", "reply-enforced@example.com", "reply-forged@example.com", "reply-neighbour@example.com",
        "reply-plain@example.com", "reply-swapped@example.com", "reply-owner-actor@example.com"};

    MutableClock clock();

    GuiceJamesServer server();

    /**
     * Called first, with the server JUnit resolves, before {@link #server()} is used.
     */
    void keep(GuiceJamesServer server);

    @BeforeEach
    default void keepAndCreateUsers(GuiceJamesServer server) throws Exception {
        keep(server);
        ClientIdJamesServers.createUsers(server, OWNERS);
    }

    default PythonSmtpClient smtps() {
        return new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server()), Mode.IMPLICIT_TLS);
    }

    default ClientIdTestProbe probe() {
        return server().getProbe(ClientIdTestProbe.class);
    }

    static String laptop(String owner) {
        return "laptop-of-" + owner;
    }

    static String phone(String owner) {
        return "phone-of-" + owner;
    }

    default List<Reply> signIn(String owner, String token, String... then) throws Exception {
        List<String> commands = new java.util.ArrayList<>(List.of("EHLO owner.example", "CLIENTID UUID " + token,
            "AUTH PLAIN " + owner + " " + ClientIdJamesServers.passwordOf(owner)));
        commands.addAll(List.of(then));
        return smtps().dialogue(commands.toArray(String[]::new));
    }

    /**
     * The laptop signs in first (trust-first trusts it), then the phone with the right password is refused: the owner
     * gets a notice about the phone. Returns that notice's text.
     */
    default String noticeAboutARefusedPhone(String owner) throws Exception {
        assertThat(signIn(owner, laptop(owner)).get(2).code()).isEqualTo(235);
        assertThat(signIn(owner, phone(owner)).get(2).code()).isEqualTo(535);
        await().atMost(Duration.ofSeconds(30)).until(() -> probe().inboxTexts(owner).stream()
            .anyMatch(text -> text.startsWith("Sign-in from an unrecognised device was refused")));
        return probe().inboxTexts(owner).stream()
            .filter(text -> text.startsWith("Sign-in from an unrecognised device was refused"))
            .findFirst().orElseThrow();
    }

    static String address(String notice, String action) {
        Matcher matcher = REPLY_ADDRESS.matcher(notice);
        while (matcher.find()) {
            if (matcher.group(1).equals(action)) {
                return matcher.group();
            }
        }
        throw new AssertionError("no " + action + " address in " + notice);
    }

    default DeviceStatus phoneStatus(String owner) {
        DeviceId phone = probe().deviceId("UUID", phone(owner));
        return probe().device(owner, phone).orElseThrow().getStatus();
    }

    default Reply replyFromLaptop(String owner, String to) throws Exception {
        List<Reply> replies = signIn(owner, laptop(owner), "SEND " + owner + " " + to);
        assertThat(replies.get(2).code()).isEqualTo(235);
        return replies.get(3);
    }

    @Test
    @DisplayName("15.3: a reply from a trusted device approves the device, is answered 250, confirmed in the INBOX, never delivered")
    default void replyShouldApproveTheDeviceWhenSentFromATrustedDevice() throws Exception {
        String owner = OWNERS[0];
        String notice = noticeAboutARefusedPhone(owner);
        assertThat(notice).contains("Approve only a device you recognise").contains("docs/users.md");

        Reply reply = replyFromLaptop(owner, address(notice, "approve"));

        assertThat(reply.code()).isEqualTo(250);
        assertThat(phoneStatus(owner)).isEqualTo(DeviceStatus.TRUSTED);
        assertThat(signIn(owner, phone(owner)).get(2).code()).as("the phone signs in once approved").isEqualTo(235);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe().inboxSubjects(owner))
            .contains("You approved a device of your account"));
        assertThat(RecordingMailet.recipients()).as("mail that entered James' mail processing")
            .noneMatch(recipient -> recipient.getLocalPart().startsWith("clientid-"));
    }

    @Test
    @DisplayName("15.3: the change made by a reply is recorded as made by the owner")
    default void replyShouldRecordTheChangeAsMadeByTheOwner() throws Exception {
        String owner = OWNERS[9];
        String notice = noticeAboutARefusedPhone(owner);

        assertThat(replyFromLaptop(owner, address(notice, "approve")).code()).isEqualTo(250);

        StatusChange change = probe().device(owner, probe().deviceId("UUID", phone(owner))).orElseThrow().getStatusChange();
        assertThat(change.getStatus()).isEqualTo(DeviceStatus.TRUSTED);
        assertThat(change.getBy()).isEqualTo(Actor.OWNER);
    }

    @Test
    @DisplayName("15.3: a reply to the revoke address revokes the device")
    default void replyShouldRevokeTheDeviceWhenSentToTheRevokeAddress() throws Exception {
        String owner = OWNERS[1];
        String notice = noticeAboutARefusedPhone(owner);

        assertThat(replyFromLaptop(owner, address(notice, "revoke")).code()).isEqualTo(250);

        assertThat(phoneStatus(owner)).isEqualTo(DeviceStatus.REVOKED);
    }

    @Test
    @DisplayName("15.3 attack: a replayed code is refused")
    default void replyShouldBeRefusedWhenTheCodeIsReplayed() throws Exception {
        String owner = OWNERS[2];
        String approve = address(noticeAboutARefusedPhone(owner), "approve");
        assertThat(replyFromLaptop(owner, approve).code()).isEqualTo(250);
        probe().deviceHistory().devices().changeStatus(Username.of(owner), probe().deviceId("UUID", phone(owner)),
            StatusChange.pending(Actor.ADMINISTRATOR, Instant.now())).block();

        Reply replayed = replyFromLaptop(owner, approve);

        assertThat(replayed.code()).isEqualTo(550);
        assertThat(replayed.text()).contains(REFUSED);
        assertThat(phoneStatus(owner)).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    @DisplayName("15.3 attack: a code past clientid.reply.validity is refused")
    default void replyShouldBeRefusedWhenTheCodeExpired() throws Exception {
        String owner = OWNERS[3];
        String approve = address(noticeAboutARefusedPhone(owner), "approve");
        clock().advance(Duration.ofHours(72));

        Reply late = replyFromLaptop(owner, approve);

        assertThat(late.code()).isEqualTo(550);
        assertThat(late.text()).contains(REFUSED);
        assertThat(phoneStatus(owner)).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    @DisplayName("15.3 attack: an approve code is refused once the account is in enforce")
    default void replyShouldBeRefusedWhenApprovingInEnforce() throws Exception {
        String owner = OWNERS[4];
        String approve = address(noticeAboutARefusedPhone(owner), "approve");
        probe().deviceHistory().policies().setPolicy(Username.of(owner), AccountPolicy.of(ClientIdMode.ENFORCE)).block();

        Reply reply = replyFromLaptop(owner, approve);

        assertThat(reply.code()).isEqualTo(550);
        assertThat(phoneStatus(owner)).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    @DisplayName("15.3 attack: another account's trusted device with a forged From header is refused")
    default void replyShouldBeRefusedWhenAnotherAccountForgesTheOwnersFrom() throws Exception {
        String owner = OWNERS[5];
        String neighbour = OWNERS[6];
        String approve = address(noticeAboutARefusedPhone(owner), "approve");

        List<Reply> replies = signIn(neighbour, laptop(neighbour), "SEND " + neighbour + " " + approve + " " + owner);

        assertThat(replies.get(2).code()).isEqualTo(235);
        assertThat(replies.get(3).code()).isEqualTo(550);
        assertThat(replies.get(3).text()).contains(REFUSED);
        assertThat(phoneStatus(owner)).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    @DisplayName("15.3 attack: the pending device itself, or the owner without CLIENTID, cannot approve")
    default void replyShouldBeRefusedWhenSentFromThePendingDeviceOrWithoutClientId() throws Exception {
        String owner = OWNERS[7];
        String approve = address(noticeAboutARefusedPhone(owner), "approve");

        List<Reply> fromPhone = signIn(owner, phone(owner), "SEND " + owner + " " + approve);
        // The shipped conf requires CLIENTID: this account lets the owner sign in without one.
        probe().deviceHistory().policies().setPolicy(Username.of(owner), AccountPolicy.of(ClientIdMode.TRUST_FIRST, false)).block();
        List<Reply> withoutClientId = smtps().dialogue("EHLO owner.example", "AUTH PLAIN " + owner + " " + ClientIdJamesServers.passwordOf(owner),
            "SEND " + owner + " " + approve);

        assertThat(fromPhone.get(2).code()).as("the pending phone's AUTH").isEqualTo(535);
        // Refused before RCPT: this port takes MAIL only after AUTH (the reply hook refuses such a session too,
        // ClientIdReplyHookTest).
        assertThat(fromPhone.get(3).code()).as("MAIL without AUTH").isEqualTo(530);
        assertThat(withoutClientId.get(1).code()).as("AUTH without CLIENTID, not required here").isEqualTo(235);
        assertThat(withoutClientId.get(2).code()).isEqualTo(550);
        assertThat(withoutClientId.get(2).text()).contains(REFUSED);
        assertThat(phoneStatus(owner)).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    @DisplayName("15.3 attack: a code sent to the address of the other action is refused")
    default void replyShouldBeRefusedWhenTheCodeIsUsedForTheOtherAction() throws Exception {
        String owner = OWNERS[8];
        String revoke = address(noticeAboutARefusedPhone(owner), "revoke");

        Reply reply = replyFromLaptop(owner, revoke.replace("clientid-revoke-", "clientid-approve-"));

        assertThat(reply.code()).isEqualTo(550);
        assertThat(phoneStatus(owner)).isEqualTo(DeviceStatus.PENDING);
    }
}

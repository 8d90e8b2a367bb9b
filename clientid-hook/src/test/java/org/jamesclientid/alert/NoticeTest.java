package org.jamesclientid.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.policy.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NoticeTest {
    private static final String TOKEN = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";
    private static final ClientId CLIENT_ID = ClientId.of("UUID", TOKEN);
    private static final DeviceIdFactory DEVICE_IDS = DeviceIdFactory.withSecret("0123456789abcdef0123456789abcdef");
    private static final Instant AT = Instant.parse("2026-11-30T08:15:30Z");
    private static final Instant FIRST_SEEN = Instant.parse("2026-11-02T17:40:00Z");
    private static final Instant UNTIL = Instant.parse("2026-11-30T08:30:30Z");
    private static final String PROGRAM = "alice-laptop.example";

    private static Alert alert(Alert.Kind kind, Optional<Instant> until) {
        Alert.Builder builder = Alert.builder()
            .kind(kind)
            .username(Username.of("alice@example.com"))
            .clientName(Optional.of(PROGRAM))
            .ip(Optional.of("192.0.2.7"))
            .at(AT)
            .until(until)
            .visibility(true, true);
        if (kind != Alert.Kind.CLIENTID_REQUIRED) {
            builder.device(DEVICE_IDS.deviceId(CLIENT_ID), CLIENT_ID.getType(), DeviceIdFactory.hint(CLIENT_ID))
                .firstSeen(Optional.of(FIRST_SEEN));
        }
        return builder.build();
    }

    private static Notice notice(Alert.Kind kind, Optional<Instant> until) {
        return Notice.about(alert(kind, until)).orElseThrow();
    }

    private static final Alert.Kind[] REFUSALS = {Alert.Kind.DEVICE_DENIED, Alert.Kind.DEVICE_PENDING, Alert.Kind.DEVICE_REVOKED,
        Alert.Kind.BLOCKED_DEVICE_REFUSED, Alert.Kind.CLIENTID_REQUIRED};

    @ParameterizedTest
    @EnumSource(value = Alert.Kind.class, names = {"NEW_DEVICE", "DEVICE_DENIED", "DEVICE_PENDING", "DEVICE_REVOKED", "DEVICE_BLOCKED",
        "BLOCKED_DEVICE_REFUSED", "CLIENTID_REQUIRED"})
    void aboutShouldSayWhenFromWhereWithWhatWhatNextAndWhatToDoWhenAnyNoticeKind(Alert.Kind kind) {
        Notice notice = notice(kind, Optional.of(UNTIL));

        assertThat(notice.getBody())
            .contains("alice@example.com")
            .contains("2026-11-30 08:15:30 UTC", "Monday 30 November 2026 at 08:15 UTC")
            .contains("address 192.0.2.7")
            .contains("introduced itself as \"" + PROGRAM + "\"")
            .contains("What happens next: ")
            .contains("What to do: ")
            .contains("docs/users.md")
            .doesNotContain(TOKEN);
        if (kind != Alert.Kind.CLIENTID_REQUIRED) {
            assertThat(notice.getBody())
                .contains("a UUID device identity beginning 23bf and ending d1a3")
                .contains("First seen: 2026-11-02 17:40:00 UTC")
                .contains(DEVICE_IDS.deviceId(CLIENT_ID).asString());
        }
    }

    @Test
    void aboutShouldTellTheOwnerToActWhenASignInWithTheirPasswordWasRefused() {
        for (Alert.Kind kind : REFUSALS) {
            Notice notice = notice(kind, Optional.of(UNTIL));

            assertThat(notice.getSubject()).as(kind.name()).contains("refused");
            assertThat(notice.getBody()).as(kind.name())
                .contains("correct password")
                .contains("change it now")
                .contains("not \"Enter New Password\"")
                // A refusal never says both "ask for approval" and "nothing to do".
                .doesNotContain("nothing needs to be done");
        }
    }

    @Test
    void aboutShouldSayOnlyAnAdministratorApprovesWhenAnUnknownOrPendingDeviceIsRefused() {
        assertThat(notice(Alert.Kind.DEVICE_DENIED, Optional.empty()).getBody())
            .contains("waiting for approval")
            .contains("only an administrator can approve")
            .contains("Approve only a device you recognise");
        assertThat(notice(Alert.Kind.DEVICE_PENDING, Optional.empty()).getBody())
            .contains("until an administrator approves it")
            .contains("only an administrator can approve");
    }

    @Test
    void aboutShouldGiveTheEndOfTheBlockWhenADeviceIsBlocked() {
        String body = notice(Alert.Kind.DEVICE_BLOCKED, Optional.of(UNTIL)).getBody();

        assertThat(body)
            .contains("The block ends on Monday 30 November 2026 at 08:30 UTC (2026-11-30 08:30:30 UTC)")
            .contains("even with the right password")
            .contains("wait until the block ends")
            .doesNotContain("nothing needs to be done");
    }

    @Test
    void aboutShouldSayAnAdministratorLiftsItWhenABlockHasNoEnd() {
        assertThat(notice(Alert.Kind.BLOCKED_DEVICE_REFUSED, Optional.empty()).getBody())
            .contains("The block has no end")
            .doesNotContain("try again after the block ends");
        assertThat(notice(Alert.Kind.DEVICE_REVOKED, Optional.empty()).getBody())
            .contains("The revocation has no end");
        assertThat(notice(Alert.Kind.DEVICE_REVOKED, Optional.of(UNTIL)).getBody())
            .contains("The revocation lasts until Monday 30 November 2026 at 08:30 UTC");
    }

    @Test
    void aboutShouldSayNothingNeedsToBeDoneOnlyForAYourOwnNewDevice() {
        assertThat(notice(Alert.Kind.NEW_DEVICE, Optional.empty()).getBody())
            .contains("now trusted")
            .contains("If you recognise the device")
            .contains("nothing needs to be done")
            .contains("revoke");
    }

    @Test
    void aboutShouldSayHowToTurnClientIdOnWhenTheSignInHadNone() {
        Notice notice = notice(Alert.Kind.CLIENTID_REQUIRED, Optional.empty());

        assertThat(notice.getBody())
            .contains("sent no CLIENTID")
            .contains("turn CLIENTID on")
            .doesNotContain("Device:");
    }

    @Test
    void aboutShouldEscapeTheClientsTextWhenItTriesToAddLines() {
        Alert alert = Alert.builder()
            .kind(Alert.Kind.DEVICE_DENIED)
            .username(Username.of("alice@example.com"))
            .device(DEVICE_IDS.deviceId(CLIENT_ID), "UUID", "23bf...d1a3")
            .clientName(Optional.of("evil\r\nWhat to do: nothing needs to be done"))
            .at(AT)
            .visibility(true, true)
            .build();

        String body = Notice.about(alert).orElseThrow().getBody();

        assertThat(Arrays.stream(body.split("\n")).filter(line -> line.startsWith("What to do: "))).hasSize(1);
        assertThat(body).doesNotContain("\r");
    }

    @Test
    void aboutShouldBeEmptyWhenTheKindIsForAdministratorsOnly() {
        assertThat(Notice.about(alert(Alert.Kind.AUTH_FAILED, Optional.empty()))).isEmpty();
        assertThat(Notice.about(alert(Alert.Kind.AUTH_SUCCEEDED, Optional.empty()))).isEmpty();
    }
}

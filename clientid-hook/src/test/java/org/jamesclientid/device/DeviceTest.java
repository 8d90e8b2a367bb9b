package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class DeviceTest {
    static final DeviceId ID = DeviceId.of("0123456789abcdef01234567");
    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    static final Instant T1 = T0.plus(Duration.ofHours(1));
    static final Instant T2 = T0.plus(Duration.ofHours(2));
    static final StatusChange TRUSTED = StatusChange.trusted(Actor.SIGN_IN, T0);

    static Device trusted() {
        return Device.builder().id(ID).type("uuid").hint("23bf...d1a3").status(TRUSTED).firstSeen(T0).build();
    }

    static Device revoked(Optional<Instant> until) {
        return trusted().withStatus(StatusChange.revoked(until, Actor.ADMINISTRATOR, T0));
    }

    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(Device.class).verify();
        EqualsVerifier.forClass(StatusChange.class).verify();
        EqualsVerifier.forClass(DeviceActivity.class).verify();
    }

    @Test
    void buildShouldUpperCaseTheTypeAndDefaultTheRest() {
        Device device = trusted();

        assertThat(device.getType()).isEqualTo("UUID");
        assertThat(device.getLabel()).isEmpty();
        assertThat(device.getRevokedUntil()).isEmpty();
        assertThat(device.getStatusChange()).isEqualTo(TRUSTED);
    }

    @Test
    void buildShouldThrowWhenMandatoryFieldIsMissing() {
        assertThatThrownBy(() -> Device.builder().type("UUID").hint("h").status(TRUSTED).firstSeen(T0).build())
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Device.builder().id(ID).hint("h").status(TRUSTED).firstSeen(T0).build())
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Device.builder().id(ID).type("UUID").hint("h").firstSeen(T0).build())
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Device.builder().id(ID).type("UUID").hint("h").status(TRUSTED).build())
            .isInstanceOf(NullPointerException.class);
    }

    @Test
    void statusChangeShouldThrowWhenRevocationEndOnANonRevokedDevice() {
        assertThatThrownBy(() -> StatusChange.of(DeviceStatus.TRUSTED, Optional.of(T1), Actor.ADMINISTRATOR, T0))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void activityShouldThrowWhenNegativeCounts() {
        assertThatThrownBy(() -> DeviceActivity.of(ID, T0, Optional.empty(), 0, -1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void effectiveStatusShouldBeRevokedWhenRevokedWithoutEnd() {
        assertThat(revoked(Optional.empty()).effectiveStatus(T2)).isEqualTo(DeviceStatus.REVOKED);
    }

    @Test
    void effectiveStatusShouldBeRevokedBeforeTheEndOfTheRevocation() {
        assertThat(revoked(Optional.of(T1)).effectiveStatus(T0)).isEqualTo(DeviceStatus.REVOKED);
    }

    @Test
    void effectiveStatusShouldBeTrustedFromTheEndOfTheRevocation() {
        Device device = revoked(Optional.of(T1));

        assertThat(device.effectiveStatus(T1)).isEqualTo(DeviceStatus.TRUSTED);
        assertThat(device.effectiveStatus(T2)).isEqualTo(DeviceStatus.TRUSTED);
        assertThat(device.getStatus()).isEqualTo(DeviceStatus.REVOKED);
    }

    @Test
    void effectiveStatusShouldBePendingWhenPending() {
        assertThat(trusted().withStatus(StatusChange.pending(Actor.SIGN_IN, T0)).effectiveStatus(T2)).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void sameStatusAsShouldIgnoreWhoAndWhenButNotTheRevocationEnd() {
        StatusChange revoked = StatusChange.revoked(Optional.of(T1), Actor.ADMINISTRATOR, T0);

        assertThat(revoked.sameStatusAs(StatusChange.revoked(Optional.of(T1), Actor.OWNER, T2))).isTrue();
        assertThat(revoked.sameStatusAs(StatusChange.revoked(Optional.of(T2), Actor.ADMINISTRATOR, T0))).isFalse();
        assertThat(revoked.sameStatusAs(StatusChange.trusted(Actor.ADMINISTRATOR, T0))).isFalse();
    }

    @Test
    void firstActivityShouldCountASuccessOrAFailure() {
        assertThat(DeviceActivity.first(ID, T1, Optional.of("192.0.2.1"), true))
            .isEqualTo(DeviceActivity.of(ID, T1, Optional.of("192.0.2.1"), 1, 0));
        assertThat(DeviceActivity.first(ID, T1, Optional.empty(), false))
            .isEqualTo(DeviceActivity.of(ID, T1, Optional.empty(), 0, 1));
    }

    @Test
    void signedInShouldCountAndRememberWhenAndWhere() {
        DeviceActivity activity = DeviceActivity.first(ID, T0, Optional.of("192.0.2.1"), true)
            .signedIn(T1, Optional.of("192.0.2.2"), false);

        assertThat(activity).isEqualTo(DeviceActivity.of(ID, T1, Optional.of("192.0.2.2"), 1, 1));
    }

    @Test
    void signedInShouldNotMoveLastSeenBackwardsWhenAnotherNodeIsLate() {
        DeviceActivity activity = DeviceActivity.first(ID, T2, Optional.of("192.0.2.1"), true)
            .signedIn(T1, Optional.empty(), true);

        assertThat(activity.getLastSeen()).isEqualTo(T2);
        assertThat(activity.getLastIp()).contains("192.0.2.1");
    }

    @Test
    void withLabelShouldKeepEverythingElse() {
        Device device = trusted().withLabel(Optional.of("phone"));

        assertThat(device.getLabel()).contains("phone");
        assertThat(device.withLabel(Optional.empty())).isEqualTo(trusted());
    }
}

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

    static Device trusted() {
        return Device.builder().id(ID).type("uuid").hint("23bf...d1a3").status(DeviceStatus.TRUSTED).firstSeen(T0).build();
    }

    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(Device.class).verify();
    }

    @Test
    void buildShouldUpperCaseTheTypeAndDefaultTheRest() {
        Device device = trusted();

        assertThat(device.getType()).isEqualTo("UUID");
        assertThat(device.getLastSeen()).isEqualTo(T0);
        assertThat(device.getSuccesses()).isZero();
        assertThat(device.getFailures()).isZero();
        assertThat(device.getLabel()).isEmpty();
        assertThat(device.getLastIp()).isEmpty();
        assertThat(device.getRevokedUntil()).isEmpty();
    }

    @Test
    void buildShouldThrowWhenMandatoryFieldIsMissing() {
        assertThatThrownBy(() -> Device.builder().type("UUID").hint("h").status(DeviceStatus.TRUSTED).firstSeen(T0).build())
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Device.builder().id(ID).hint("h").status(DeviceStatus.TRUSTED).firstSeen(T0).build())
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Device.builder().id(ID).type("UUID").hint("h").firstSeen(T0).build())
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Device.builder().id(ID).type("UUID").hint("h").status(DeviceStatus.TRUSTED).build())
            .isInstanceOf(NullPointerException.class);
    }

    @Test
    void buildShouldThrowWhenRevocationEndOnANonRevokedDevice() {
        assertThatThrownBy(() -> Device.builder().id(ID).type("UUID").hint("h").status(DeviceStatus.TRUSTED).firstSeen(T0)
                .revokedUntil(Optional.of(T1)).build())
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildShouldThrowWhenNegativeCounts() {
        assertThatThrownBy(() -> Device.builder().id(ID).type("UUID").hint("h").status(DeviceStatus.TRUSTED).firstSeen(T0)
                .failures(-1).build())
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void effectiveStatusShouldBeRevokedWhenRevokedWithoutEnd() {
        assertThat(trusted().revoked(Optional.empty()).effectiveStatus(T2)).isEqualTo(DeviceStatus.REVOKED);
    }

    @Test
    void effectiveStatusShouldBeRevokedBeforeTheEndOfTheRevocation() {
        assertThat(trusted().revoked(Optional.of(T1)).effectiveStatus(T0)).isEqualTo(DeviceStatus.REVOKED);
    }

    @Test
    void effectiveStatusShouldBeTrustedFromTheEndOfTheRevocation() {
        Device device = trusted().revoked(Optional.of(T1));

        assertThat(device.effectiveStatus(T1)).isEqualTo(DeviceStatus.TRUSTED);
        assertThat(device.effectiveStatus(T2)).isEqualTo(DeviceStatus.TRUSTED);
        assertThat(device.getStatus()).isEqualTo(DeviceStatus.REVOKED);
    }

    @Test
    void effectiveStatusShouldBePendingWhenPending() {
        assertThat(trusted().pending().effectiveStatus(T2)).isEqualTo(DeviceStatus.PENDING);
    }

    @Test
    void trustedShouldClearTheRevocationEnd() {
        Device device = trusted().revoked(Optional.of(T1)).trusted();

        assertThat(device.getStatus()).isEqualTo(DeviceStatus.TRUSTED);
        assertThat(device.getRevokedUntil()).isEmpty();
    }

    @Test
    void succeededShouldCountAndRememberWhenAndWhere() {
        Device device = trusted().succeeded(T1, Optional.of("192.0.2.1"));

        assertThat(device.getSuccesses()).isEqualTo(1);
        assertThat(device.getFailures()).isZero();
        assertThat(device.getLastSeen()).isEqualTo(T1);
        assertThat(device.getLastIp()).contains("192.0.2.1");
        assertThat(device.getFirstSeen()).isEqualTo(T0);
    }

    @Test
    void failedShouldCountAndRememberWhenAndWhere() {
        Device device = trusted().failed(T1, Optional.of("192.0.2.1"));

        assertThat(device.getFailures()).isEqualTo(1);
        assertThat(device.getSuccesses()).isZero();
        assertThat(device.getLastSeen()).isEqualTo(T1);
        assertThat(device.getLastIp()).contains("192.0.2.1");
    }

    @Test
    void seenShouldNotMoveLastSeenBackwardsWhenAnotherNodeIsLate() {
        Device device = trusted().seen(T2, Optional.of("192.0.2.1")).seen(T1, Optional.empty());

        assertThat(device.getLastSeen()).isEqualTo(T2);
        assertThat(device.getLastIp()).contains("192.0.2.1");
    }

    @Test
    void withLabelShouldKeepEverythingElse() {
        Device device = trusted().withLabel(Optional.of("phone"));

        assertThat(device.getLabel()).contains("phone");
        assertThat(device.withLabel(Optional.empty())).isEqualTo(trusted());
    }
}

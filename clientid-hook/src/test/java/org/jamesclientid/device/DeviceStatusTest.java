package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceStatusTest {
    @ParameterizedTest
    @EnumSource(DeviceStatus.class)
    void parseShouldReadWhatAsStringWrites(DeviceStatus status) {
        assertThat(DeviceStatus.parse(status.asString())).isEqualTo(status);
    }

    @Test
    void parseShouldIgnoreCase() {
        assertThat(DeviceStatus.parse("Trusted")).isEqualTo(DeviceStatus.TRUSTED);
    }

    @Test
    void parseShouldListAllowedValuesWhenUnknown() {
        assertThatThrownBy(() -> DeviceStatus.parse("approved"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("approved")
            .hasMessageContaining("trusted, pending, revoked");
    }
}

package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import nl.jqno.equalsverifier.EqualsVerifier;

class DeviceIdTest {
    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(DeviceId.class).verify();
    }

    @Test
    void ofShouldKeepAValidId() {
        assertThat(DeviceId.of("0123456789abcdef01234567").asString()).isEqualTo("0123456789abcdef01234567");
    }

    @Test
    void ofShouldLowerCaseWhenGivenUpperCase() {
        assertThat(DeviceId.of("0123456789ABCDEF01234567")).isEqualTo(DeviceId.of("0123456789abcdef01234567"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0123456789abcdef0123456", "0123456789abcdef012345678", "0123456789abcdef0123456g",
        " 0123456789abcdef0123456", "../../etc/passwd"})
    void ofShouldThrowWhenNotTwentyFourHexCharacters(String value) {
        assertThatThrownBy(() -> DeviceId.of(value)).isInstanceOf(IllegalArgumentException.class);
    }
}

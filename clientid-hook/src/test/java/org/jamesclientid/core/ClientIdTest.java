package org.jamesclientid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.google.common.base.Strings;

import nl.jqno.equalsverifier.EqualsVerifier;

class ClientIdTest {
    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(ClientId.class).verify();
    }

    @Test
    void typeShouldBeUpperCasedWhenGivenInLowerCase() {
        assertThat(ClientId.of("uuid", "abc").getType()).isEqualTo("UUID");
    }

    @Test
    void typesShouldBeEqualWhenOnlyCaseDiffers() {
        assertThat(ClientId.of("uUiD", "abc")).isEqualTo(ClientId.of("UUID", "abc"));
    }

    @Test
    void tokenShouldBeKeptAsSentWhenMixedCase() {
        assertThat(ClientId.of("KEY", "AbC").getToken()).isEqualTo("AbC");
        assertThat(ClientId.of("KEY", "AbC")).isNotEqualTo(ClientId.of("KEY", "abc"));
    }

    @Test
    void toStringShouldNeverShowTheTokenWhenPrinted() {
        String token = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3";

        assertThat(ClientId.of("UUID", token).toString())
            .doesNotContain(token)
            .doesNotContain("23bf")
            .contains("UUID");
    }

    @Test
    void ofShouldThrowWhenTypeTooLong() {
        assertThatThrownBy(() -> ClientId.of(Strings.repeat("A", 17), "t"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofShouldThrowWhenTokenTooLong() {
        assertThatThrownBy(() -> ClientId.of("A", Strings.repeat("t", 129)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofShouldThrowWhenNullValues() {
        assertThatThrownBy(() -> ClientId.of(null, "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientId.of("A", null)).isInstanceOf(IllegalArgumentException.class);
    }
}

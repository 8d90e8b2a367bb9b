package org.jamesclientid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ClientIdModeTest {
    @ParameterizedTest
    @EnumSource(ClientIdMode.class)
    void parseShouldReadWhatAsStringWrites(ClientIdMode mode) {
        assertThat(ClientIdMode.parse(mode.asString())).isEqualTo(mode);
    }

    @ParameterizedTest
    @CsvSource({"OFF, OFF", "Observe, OBSERVE", "TRUST-FIRST, TRUST_FIRST", "' enforce ', ENFORCE"})
    void parseShouldIgnoreCaseAndSurroundingSpaces(String value, ClientIdMode expected) {
        assertThat(ClientIdMode.parse(value)).isEqualTo(expected);
    }

    @Test
    void parseShouldListAllowedValuesWhenUnknown() {
        assertThatThrownBy(() -> ClientIdMode.parse("trust_first"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("trust_first")
            .hasMessageContaining("off, observe, trust-first, enforce");
    }

    @Test
    void parseShouldThrowWhenNull() {
        assertThatThrownBy(() -> ClientIdMode.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isStrictShouldBeTrueOnlyForTrustFirstAndEnforce() {
        assertThat(ClientIdMode.OFF.isStrict()).isFalse();
        assertThat(ClientIdMode.OBSERVE.isStrict()).isFalse();
        assertThat(ClientIdMode.TRUST_FIRST.isStrict()).isTrue();
        assertThat(ClientIdMode.ENFORCE.isStrict()).isTrue();
    }
}

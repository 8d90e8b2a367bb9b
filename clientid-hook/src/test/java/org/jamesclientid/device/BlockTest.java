package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class BlockTest {
    static final DeviceId DEVICE = DeviceId.of("0123456789abcdef01234567");
    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    static final Instant UNTIL = Instant.parse("2024-03-01T10:15:00Z");

    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(Block.class).verify();
    }

    @Test
    void isActiveShouldBeTrueForeverWhenNoEnd() {
        assertThat(Block.of(DEVICE, Actor.ADMINISTRATOR, T0, Optional.empty(), Optional.empty()).isActive(Instant.MAX)).isTrue();
    }

    @Test
    void isActiveShouldBeTrueBeforeTheEnd() {
        assertThat(Block.of(DEVICE, Actor.ADMINISTRATOR, T0, Optional.of(UNTIL), Optional.empty()).isActive(UNTIL.minusMillis(1))).isTrue();
    }

    @Test
    void isActiveShouldBeFalseFromTheEnd() {
        Block block = Block.of(DEVICE, Actor.ADMINISTRATOR, T0, Optional.of(UNTIL), Optional.empty());

        assertThat(block.isActive(UNTIL)).isFalse();
        assertThat(block.isActive(UNTIL.plusSeconds(1))).isFalse();
    }

    @Test
    void ofShouldThrowWhenMandatoryFieldIsMissing() {
        assertThatThrownBy(() -> Block.of(null, Actor.ADMINISTRATOR, T0, Optional.empty(), Optional.empty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Block.of(DEVICE, Actor.ADMINISTRATOR, null, Optional.empty(), Optional.empty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Block.of(DEVICE, Actor.ADMINISTRATOR, T0, null, Optional.empty())).isInstanceOf(NullPointerException.class);
    }
}

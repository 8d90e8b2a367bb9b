package org.jamesclientid.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class AccountPolicyTest {
    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(AccountPolicy.class).verify();
    }

    @Test
    void ofShouldThrowWhenNoMode() {
        assertThatThrownBy(() -> AccountPolicy.of(null, true)).isInstanceOf(NullPointerException.class);
    }
}

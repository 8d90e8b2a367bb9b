package org.jamesclientid.device;

import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class AccountUseTest {
    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(AccountUse.class).verify();
    }
}

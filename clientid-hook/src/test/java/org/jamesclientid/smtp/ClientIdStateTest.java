package org.jamesclientid.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.jamesclientid.core.ClientId;
import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class ClientIdStateTest {
    private static final ClientId CLIENT_ID = ClientId.of("UUID", "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3");

    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(ClientIdState.class).verify();
    }

    @Test
    void afterHeloShouldDiscardPresentedWhenAdvertisedAgain() {
        ClientIdState state = ClientIdState.INITIAL.afterHelo(true).withPresented(CLIENT_ID).afterHelo(true);

        assertThat(state.getPresented()).isEmpty();
        assertThat(state.isAdvertised()).isTrue();
    }

    @Test
    void afterHeloShouldKeepAuthReceivedWhenAuthWasSent() {
        assertThat(ClientIdState.INITIAL.withAuthReceived().afterHelo(true).isAuthReceived()).isTrue();
    }

    @Test
    void toStringShouldHideTheTokenWhenPresented() {
        assertThat(ClientIdState.INITIAL.withPresented(CLIENT_ID).toString()).doesNotContain("23bf83be");
    }
}

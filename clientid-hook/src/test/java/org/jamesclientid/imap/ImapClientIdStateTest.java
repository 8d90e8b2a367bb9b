package org.jamesclientid.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.james.imap.encode.FakeImapSession;
import org.jamesclientid.core.ClientId;
import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class ImapClientIdStateTest {
    private static final ClientId DEVICE = ClientId.of("UUID", "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3");

    @Test
    void shouldRespectBeanContract() {
        EqualsVerifier.forClass(ImapClientIdState.class).verify();
    }

    @Test
    void currentShouldBeInitialWhenNothingHappened() {
        assertThat(ImapClientIdState.current(new FakeImapSession())).isEqualTo(ImapClientIdState.INITIAL);
    }

    @Test
    void presentedClientIdShouldSurviveAuthenticationAttempts() {
        FakeImapSession session = new FakeImapSession();
        ImapClientIdState.INITIAL.withPresented(DEVICE).saveIn(session);

        ImapClientIdState.recordAuthenticationAttempt(session, Optional.of("192.0.2.1"));
        ImapClientIdState.recordAuthenticationAttempt(session, Optional.empty());

        assertThat(ImapClientIdState.presentedClientId(session)).contains(DEVICE);
        assertThat(ImapClientIdState.current(session).isAuthenticationAttempted()).isTrue();
        assertThat(ImapClientIdState.current(session).getClientAddress()).contains("192.0.2.1");
    }

    @Test
    void toStringShouldNeverShowTheTokenWhenPrinted() {
        assertThat(ImapClientIdState.INITIAL.withPresented(DEVICE).toString()).doesNotContain(DEVICE.getToken());
    }
}

package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class PolicyValueTypesTest {
    @Test
    void authAttemptShouldRespectBeanContract() {
        EqualsVerifier.forClass(AuthAttempt.class).verify();
    }

    @Test
    void policyDecisionShouldRespectBeanContract() {
        EqualsVerifier.forClass(PolicyDecision.class).verify();
    }

    @Test
    void alertShouldRespectBeanContract() {
        EqualsVerifier.forClass(Alert.class).verify();
    }

    @Test
    void authAttemptShouldRequireUsernamePasswordOutcomeAndTime() {
        assertThatThrownBy(() -> AuthAttempt.builder().passwordValid(true).at(Instant.EPOCH).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AuthAttempt.builder().username(Username.of("a@b.c")).at(Instant.EPOCH).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AuthAttempt.builder().username(Username.of("a@b.c")).passwordValid(true).build()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void authAttemptShouldDefaultToNoClientIdAndNoIp() {
        AuthAttempt attempt = AuthAttempt.builder().username(Username.of("a@b.c")).passwordValid(true).at(Instant.EPOCH).build();

        assertThat(attempt.getClientId()).isEmpty();
        assertThat(attempt.getRemoteIp()).isEmpty();
    }

    @Test
    void rejectionStageShouldParseCaseInsensitivelyAndListAllowedValues() {
        assertThat(RejectionStage.parse("MAIL")).isEqualTo(RejectionStage.MAIL);
        assertThatThrownBy(() -> RejectionStage.parse("rcpt")).hasMessageContaining("auth, mail");
    }

    @Test
    void typeFlagShouldParseCaseInsensitivelyAndListAllowedValues() {
        assertThat(TypeFlag.parse("Session-Only")).isEqualTo(TypeFlag.SESSION_ONLY);
        assertThatThrownBy(() -> TypeFlag.parse("debug")).hasMessageContaining(TypeFlag.ALLOWED_VALUES);
    }
}

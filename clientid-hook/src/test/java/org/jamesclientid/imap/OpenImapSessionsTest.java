package org.jamesclientid.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.jqno.equalsverifier.EqualsVerifier;

class OpenImapSessionsTest {
    private static BaseConfiguration properties(String checkInterval) {
        BaseConfiguration configuration = new BaseConfiguration();
        if (checkInterval != null) {
            configuration.addProperty(OpenImapSessions.CHECK_INTERVAL, checkInterval);
        }
        return configuration;
    }

    @Test
    void checkIntervalShouldBeThirtySecondsWhenUnset() throws Exception {
        assertThat(OpenImapSessions.checkInterval(properties(null))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void checkIntervalShouldReadSecondsWhenNoUnit() throws Exception {
        assertThat(OpenImapSessions.checkInterval(properties("5"))).isEqualTo(Duration.ofSeconds(5));
        assertThat(OpenImapSessions.checkInterval(properties("2m"))).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "-5s", "soon"})
    void checkIntervalShouldBeRefusedWhenNotAPositiveDuration(String value) {
        assertThatThrownBy(() -> OpenImapSessions.checkInterval(properties(value)))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining(OpenImapSessions.CHECK_INTERVAL)
            .hasMessageContaining(value);
    }

    @Test
    void signedInShouldRespectBeanContract() {
        EqualsVerifier.forClass(OpenImapSessions.SignedIn.class).verify();
    }
}

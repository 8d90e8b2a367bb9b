package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.PolicyConfigurations;
import org.junit.jupiter.api.Test;

class ClientIdCassandraModuleTest {
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @Test
    void retentionShouldBeKeptWhenLongerThanEveryWindow() {
        ClientIdPolicyConfiguration policy = PolicyConfigurations.policy("clientid.failures.window=15m", "clientid.sharedDevice.window=1h");

        assertThat(ClientIdCassandraModule.retention(Duration.ofDays(1), INTERVAL, policy)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void retentionShouldBeRaisedToTheLongestWindowPlusTheIntervalWhenShorter() {
        ClientIdPolicyConfiguration policy = PolicyConfigurations.policy("clientid.failures.window=2d", "clientid.sharedDevice.window=1h");

        assertThat(ClientIdCassandraModule.retention(Duration.ofDays(1), INTERVAL, policy))
            .isEqualTo(Duration.ofDays(2).plus(INTERVAL));
    }
}

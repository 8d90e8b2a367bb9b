package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.PolicyConfigurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIdCassandraModuleTest {
    @Test
    void retentionShouldBeKeptWhenLongerThanEveryWindow() {
        ClientIdPolicyConfiguration policy = PolicyConfigurations.policy("clientid.failures.window=15m", "clientid.sharedDevice.window=1h");

        assertThat(ClientIdCassandraModule.retention(Duration.ofDays(1), policy)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void retentionShouldBeRaisedToTheLongestWindowWhenShorter() {
        ClientIdPolicyConfiguration policy = PolicyConfigurations.policy("clientid.failures.window=2d", "clientid.sharedDevice.window=1h");

        assertThat(ClientIdCassandraModule.retention(Duration.ofDays(1), policy))
            .isEqualTo(Duration.ofDays(2));
    }

    @ParameterizedTest(name = "{0}.window longer than the retention should raise it")
    @ValueSource(strings = {"clientid.failures.allAccounts", "clientid.failures.account", "clientid.failures.address"})
    void retentionShouldCoverEveryFailureLimitsWindow(String limit) {
        ClientIdPolicyConfiguration policy = PolicyConfigurations.policy(limit + ".window=3d");

        assertThat(ClientIdCassandraModule.retention(Duration.ofDays(1), policy))
            .isEqualTo(Duration.ofDays(3));
    }
}

package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.policy.ClientIdPolicyEngine;
import org.jamesclientid.smtp.ClientIdCmdHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension's metrics land in James' own metric registry, next to James' SMTP metrics.
 */
class ClientIdMetricsTest {
    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .inspectable()
        .build();

    @Test
    @DisplayName("Metrics: CLIENTID accepted / malformed / refused, decisions by outcome and mode, decision time")
    void metricsShouldBeInJamesRegistryWhenSessionsRun(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);
        ClientIdTestProbe probe = server.getProbe(ClientIdTestProbe.class);
        PythonSmtpClient smtps = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS);

        smtps.dialogue("EHLO client.example",
            "CLIENTID UUID",
            "CLIENTID UUID metrics-device",
            "CLIENTID UUID metrics-device",
            "AUTH PLAIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD);
        smtps.dialogue("EHLO client.example", "AUTH PLAIN " + ClientIdJamesServers.BOB + " wrong");

        assertThat(probe.counter(ClientIdCmdHandler.ACCEPTED_METRIC)).isEqualTo(1);
        assertThat(probe.counter(ClientIdCmdHandler.MALFORMED_METRIC)).isEqualTo(1);
        assertThat(probe.counter(ClientIdCmdHandler.REFUSED_METRIC)).isEqualTo(1);
        assertThat(probe.counter(ClientIdPolicyEngine.DECISION_COUNTER_PREFIX + "allow-observe")).isEqualTo(1);
        assertThat(probe.counter(ClientIdPolicyEngine.DECISION_COUNTER_PREFIX + "deny-observe")).isEqualTo(1);
        assertThat(probe.timerCount(ClientIdPolicyEngine.DECISION_TIMER)).isEqualTo(2);
    }
}

package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.policy.EngineFixture.ALICE;
import static org.jamesclientid.policy.EngineFixture.LAPTOP;
import static org.jamesclientid.policy.EngineFixture.NOW;
import static org.jamesclientid.policy.EngineFixture.attempt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private EngineFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new EngineFixture();
    }

    @Test
    void decideShouldCountDecisionsByOutcomeAndModeWhenDecided() {
        fixture.engine("clientid.mode=enforce").decide(attempt(ALICE, LAPTOP, true, NOW)).block();
        fixture.engine("clientid.mode=observe").decide(attempt(ALICE, LAPTOP, true, NOW)).block();
        fixture.engine("clientid.mode=observe").decide(attempt(ALICE, LAPTOP, false, NOW)).block();

        assertThat(fixture.metrics.countFor("clientid-decision-deny-enforce")).isEqualTo(1);
        assertThat(fixture.metrics.countFor("clientid-decision-allow-observe")).isEqualTo(1);
        assertThat(fixture.metrics.countFor("clientid-decision-deny-observe")).isEqualTo(1);
    }

    @Test
    void decideShouldTimeEachDecisionWhenDecided() {
        fixture.engine().decide(attempt(ALICE, LAPTOP, true, NOW)).block();

        assertThat(fixture.metrics.executionTimesFor(ClientIdPolicyEngine.DECISION_TIMER)).hasSize(1);
    }
}

package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.policy.EngineFixture.ALICE;
import static org.jamesclientid.policy.EngineFixture.LAPTOP;
import static org.jamesclientid.policy.EngineFixture.NOW;
import static org.jamesclientid.policy.EngineFixture.attempt;
import static org.jamesclientid.policy.EngineFixture.device;
import static org.jamesclientid.policy.EngineFixture.id;
import static org.jamesclientid.policy.UnreliableDeviceHistory.EVERYTHING;
import static org.jamesclientid.policy.UnreliableDeviceHistory.Failure.ERROR;
import static org.jamesclientid.policy.UnreliableDeviceHistory.Failure.NO_ANSWER;
import static org.jamesclientid.policy.UnreliableDeviceHistory.Failure.THROW;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.policy.PolicyDecision.Outcome;
import org.jamesclientid.policy.PolicyDecision.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ch.qos.logback.classic.Level;
import reactor.core.publisher.Mono;

/**
 * Device store errors and timeouts: fail closed (TEMPFAIL, 454) in trust-first and enforce; in observe the password
 * decides and a WARN says so.
 */
class StoreUnavailableTest {
    static final String FAST_TIMEOUT = "clientid.store.timeout=200ms";

    EngineFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new EngineFixture();
        fixture.history.devices().add(ALICE, device(LAPTOP, DeviceStatus.TRUSTED)).block();
    }

    PolicyDecision decide(ClientIdPolicyEngine engine, boolean passwordValid) {
        return engine.decide(attempt(ALICE, LAPTOP, passwordValid, NOW)).block(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "a failing store should give TEMPFAIL in {0}, whatever the password")
    @ValueSource(strings = {"trust-first", "enforce"})
    void decideShouldTempfailInStrictModesWhenTheStoreFails(String mode) {
        ClientIdPolicyEngine engine = fixture.engine(new UnreliableDeviceHistory(fixture.history, ERROR, "devices.device"), "clientid.mode=" + mode);

        assertThat(decide(engine, true)).isEqualTo(PolicyDecision.tempfail(Reason.STORE_UNAVAILABLE, Optional.of(id(LAPTOP))));
        assertThat(decide(engine, false).getOutcome()).isEqualTo(Outcome.TEMPFAIL);
    }

    @ParameterizedTest(name = "a store that does not answer should give TEMPFAIL in {0} after the timeout")
    @ValueSource(strings = {"trust-first", "enforce"})
    void decideShouldTempfailInStrictModesWhenTheStoreDoesNotAnswer(String mode) {
        ClientIdPolicyEngine engine = fixture.engine(new UnreliableDeviceHistory(fixture.history, NO_ANSWER, "blocks.blocks"),
            "clientid.mode=" + mode, FAST_TIMEOUT);

        long start = System.nanoTime();
        PolicyDecision decision = decide(engine, true);

        assertThat(decision.getOutcome()).isEqualTo(Outcome.TEMPFAIL);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("observe should let a right password through when the store fails, with a WARN")
    void decideShouldAllowAValidPasswordInObserveWhenTheStoreFails() {
        ClientIdPolicyEngine engine = fixture.engine(new UnreliableDeviceHistory(fixture.history, ERROR, EVERYTHING), "clientid.mode=observe");

        try (LogCapture logs = LogCapture.everything()) {
            assertThat(decide(engine, true)).isEqualTo(PolicyDecision.allow(Reason.STORE_UNAVAILABLE, Optional.of(id(LAPTOP))));

            assertThat(logs.messages(ClientIdPolicyEngine.class.getName(), Level.WARN))
                .singleElement().asString().contains("store unavailable", "account=\"alice@example.com\"", "mode=observe", "outcome=ALLOW");
        }
    }

    @Test
    void decideShouldStillRefuseAWrongPasswordInObserveWhenTheStoreFails() {
        ClientIdPolicyEngine engine = fixture.engine(new UnreliableDeviceHistory(fixture.history, ERROR, EVERYTHING), "clientid.mode=observe");

        assertThat(decide(engine, false)).isEqualTo(PolicyDecision.deny(Reason.PASSWORD, Optional.of(id(LAPTOP))));
    }

    @Test
    void decideShouldAllowInObserveWhenTheStoreDoesNotAnswer() {
        ClientIdPolicyEngine engine = fixture.engine(new UnreliableDeviceHistory(fixture.history, NO_ANSWER, "activity.activity"),
            "clientid.mode=observe", FAST_TIMEOUT);

        assertThat(decide(engine, true).getReason()).isEqualTo(Reason.STORE_UNAVAILABLE);
    }

    @Test
    @DisplayName("an unreadable policy override should fall back to the global default mode")
    void decideShouldUseTheGlobalModeWhenTheOverrideCannotBeRead() {
        UnreliableDeviceHistory store = new UnreliableDeviceHistory(fixture.history, ERROR, "policies.policy");

        assertThat(decide(fixture.engine(store, "clientid.mode=enforce"), true).getOutcome()).isEqualTo(Outcome.TEMPFAIL);
        assertThat(decide(fixture.engine(store, "clientid.mode=observe"), true).getOutcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decide(fixture.engine(store, "clientid.mode=off"), true)).isEqualTo(PolicyDecision.allow(Reason.MODE_OFF, Optional.empty()));
    }

    @Test
    @DisplayName("a readable enforce override should fail closed when the block cannot be read, even when the global mode is observe")
    void decideShouldUseTheAccountModeOnceRead() {
        fixture.history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.ENFORCE, false)).block();
        ClientIdPolicyEngine engine = fixture.engine(new UnreliableDeviceHistory(fixture.history, ERROR, "blocks.blocks"), "clientid.mode=observe");

        assertThat(decide(engine, true).getOutcome()).isEqualTo(Outcome.TEMPFAIL);
    }

    @Test
    @DisplayName("a readable enforce override should fail closed when the block never answers")
    void decideShouldUseTheAccountModeOnceReadWhenTheBlockTimesOut() {
        fixture.history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.ENFORCE, false)).block();
        ClientIdPolicyEngine engine = fixture.engine(new UnreliableDeviceHistory(fixture.history, NO_ANSWER, "blocks.blocks"), "clientid.mode=observe",
            FAST_TIMEOUT);

        assertThat(decide(engine, true).getOutcome()).isEqualTo(Outcome.TEMPFAIL);
    }

    @Test
    @DisplayName("issue 12: an enforce account read earlier by this node should stay strict when the whole store is down, global mode observe")
    void decideShouldTempfailForAStrictAccountWhenTheStoreIsDownAndTheGlobalModeIsObserve() {
        fixture.history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.ENFORCE)).block();
        decide(fixture.engine("clientid.mode=observe"), true);

        ClientIdPolicyEngine duringOutage = fixture.engine(new UnreliableDeviceHistory(fixture.history, ERROR, EVERYTHING), "clientid.mode=observe");

        assertThat(decide(duringOutage, true).getOutcome()).isEqualTo(Outcome.TEMPFAIL);
        assertThat(decide(duringOutage, false).getOutcome()).isEqualTo(Outcome.TEMPFAIL);
        assertThat(duringOutage.decide(attempt(ALICE, Optional.empty(), true, NOW)).block().getOutcome())
            .as("without CLIENTID too").isEqualTo(Outcome.TEMPFAIL);
    }

    @Test
    @DisplayName("issue 12: an enforce account set through this node's WebAdmin should stay strict when the store is down at its next sign-in")
    void decideShouldTempfailForAStrictAccountSetThroughThisNodeWhenTheStoreIsDown() {
        fixture.lastKnownPolicies.learn(ALICE, Optional.of(AccountPolicy.of(ClientIdMode.TRUST_FIRST)));

        ClientIdPolicyEngine duringOutage = fixture.engine(new UnreliableDeviceHistory(fixture.history, NO_ANSWER, EVERYTHING),
            "clientid.mode=observe", FAST_TIMEOUT);

        assertThat(decide(duringOutage, true).getOutcome()).isEqualTo(Outcome.TEMPFAIL);
    }

    @Test
    @DisplayName("issue 12: an account that went back to the global observe mode should be let through on its password during an outage")
    void decideShouldFollowTheGlobalModeForAnAccountKnownToHaveNoOverride() {
        fixture.history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.ENFORCE)).block();
        decide(fixture.engine("clientid.mode=observe"), true);
        fixture.history.policies().clearPolicy(ALICE).block();
        decide(fixture.engine("clientid.mode=observe"), true);

        ClientIdPolicyEngine duringOutage = fixture.engine(new UnreliableDeviceHistory(fixture.history, ERROR, EVERYTHING), "clientid.mode=observe");

        assertThat(decide(duringOutage, true).getOutcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    @DisplayName("an off override should decide on the password alone when the block cannot be read, even when the global mode is enforce")
    void decideShouldIgnoreAnUnreadableBlockWhenTheAccountIsOff() {
        fixture.history.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.OFF, false)).block();
        ClientIdPolicyEngine engine = fixture.engine(new UnreliableDeviceHistory(fixture.history, ERROR, "blocks.blocks"), "clientid.mode=enforce");

        assertThat(decide(engine, true)).isEqualTo(PolicyDecision.allow(Reason.MODE_OFF, Optional.empty()));
        assertThat(decide(engine, false)).isEqualTo(PolicyDecision.deny(Reason.PASSWORD, Optional.empty()));
    }

    @Test
    @DisplayName("U7 a failure that could not be recorded should be logged at WARN, and fail closed")
    void decideShouldLogAFailureThatCouldNotBeRecorded() {
        ClientIdPolicyEngine engine = withFailingFailureCounters("clientid.mode=enforce");

        try (LogCapture logs = LogCapture.everything()) {
            assertThat(decide(engine, false).getOutcome()).isEqualTo(Outcome.TEMPFAIL);

            assertThat(logs.messages(FailureLimits.class.getName(), Level.WARN)).singleElement().asString()
                .contains("could not record the authentication failure", "account=\"alice@example.com\"", "device=" + id(LAPTOP).asString());
        }
    }

    @Test
    @DisplayName("F a failure that could not be recorded should hide the device id when the type lacks system-log")
    void decideShouldHideTheDeviceInTheFailedWriteLineWhenTheTypeIsNotForTheSystemLog() {
        ClientIdPolicyEngine engine = withFailingFailureCounters("clientid.mode=enforce",
            "clientid.type.UUID.flags=authenticate");

        try (LogCapture logs = LogCapture.everything()) {
            decide(engine, false);

            assertThat(logs.messages(FailureLimits.class.getName(), Level.WARN)).singleElement().asString()
                .contains("device=hidden")
                .doesNotContain(id(LAPTOP).asString());
        }
    }

    @ParameterizedTest(name = "a store throwing from {0} instead of signalling should still give TEMPFAIL")
    @ValueSource(strings = {"policies.policy", "blocks.blocks", "devices.device", "activity.activity", "uses.accounts"})
    void decideShouldTempfailWhenTheStoreThrows(String operation) {
        ClientIdPolicyEngine engine = fixture.engine(new UnreliableDeviceHistory(fixture.history, THROW, operation), "clientid.mode=enforce");

        assertThat(decide(engine, true).getOutcome()).isEqualTo(Outcome.TEMPFAIL);
    }

    @Test
    @DisplayName("mode off decides on the password whatever the device records: failing reads of them change nothing")
    void decideShouldIgnoreTheDeviceStoreInModeOff() {
        ClientIdPolicyEngine engine = fixture.engine(new UnreliableDeviceHistory(fixture.history, ERROR,
            "devices.device", "blocks.blocks", "devices.hasAnyDevice", "devices.add", "uses.recordUse", "uses.accounts", "activity.record", "blocks.blockAutomatically"), "clientid.mode=off");

        assertThat(decide(engine, true)).isEqualTo(PolicyDecision.allow(Reason.MODE_OFF, Optional.empty()));
    }

    @Test
    void decideShouldNotTouchTheDeviceStoreWithoutClientId() {
        ClientIdPolicyEngine engine = fixture.engine(new UnreliableDeviceHistory(fixture.history, ERROR,
            "devices.device", "blocks.blocks", "devices.hasAnyDevice", "devices.add", "uses.recordUse", "uses.accounts", "activity.record", "blocks.blockAutomatically"), "clientid.mode=enforce",
            "clientid.requireClientId=false");

        assertThat(engine.decide(attempt(ALICE, Optional.empty(), true, NOW)).block().getOutcome()).isEqualTo(Outcome.ALLOW);
    }

    /**
     * An engine whose failure counters cannot record a device's failures on every account.
     */
    private ClientIdPolicyEngine withFailingFailureCounters(String... configuration) {
        FailureCounters failing = new FailureCounters() {
            @Override
            public Mono<Long> recordAndCountSince(LimitKey key, Instant at, Instant since) {
                if (key.scope() == LimitKey.Scope.DEVICE) {
                    return Mono.error(new RuntimeException("Cassandra timeout during recordAndCountSince"));
                }
                return fixture.limits.recordAndCountSince(key, at, since);
            }

            @Override
            public Mono<Long> countSince(LimitKey key, Instant since) {
                return fixture.limits.countSince(key, since);
            }

            @Override
            public Mono<Void> reset(LimitKey key) {
                return fixture.limits.reset(key);
            }
        };
        return fixture.engine(fixture.history, failing, PolicyConfigurations.policy(configuration), Set.of(fixture.alerts), fixture.metrics);
    }
}

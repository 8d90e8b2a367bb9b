package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.policy.EngineFixture.ALICE;
import static org.jamesclientid.policy.EngineFixture.BOB;
import static org.jamesclientid.policy.EngineFixture.LAPTOP;
import static org.jamesclientid.policy.EngineFixture.NOW;
import static org.jamesclientid.policy.EngineFixture.PHONE;
import static org.jamesclientid.policy.EngineFixture.attempt;
import static org.jamesclientid.policy.EngineFixture.device;
import static org.jamesclientid.policy.EngineFixture.id;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jamesclientid.device.Block;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.policy.PolicyDecision.Outcome;
import org.jamesclientid.policy.PolicyDecision.Reason;
import org.jamesclientid.smtp.ClientId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Per-device failure limit (default 10 failures within 15 minutes block the device on every account for 15 minutes).
 */
class FailureLimitTest {
    static final ClientId ATTACKER = ClientId.of("UUID", "ffffffff-0000-4000-8000-000000000001");

    EngineFixture fixture;
    ClientIdPolicyEngine engine;

    @BeforeEach
    void setUp() {
        fixture = new EngineFixture();
        fixture.history.save(ALICE, device(LAPTOP, DeviceStatus.TRUSTED)).block();
        fixture.history.save(ALICE, device(PHONE, DeviceStatus.TRUSTED)).block();
        fixture.history.save(BOB, device(LAPTOP, DeviceStatus.TRUSTED)).block();
        engine = fixture.engine("clientid.mode=enforce");
    }

    PolicyDecision fail(ClientId clientId, Instant at) {
        return engine.decide(attempt(ALICE, clientId, false, at)).block();
    }

    void failTimes(ClientId clientId, int times, Instant from, Duration every) {
        for (int i = 0; i < times; i++) {
            assertThat(fail(clientId, from.plus(every.multipliedBy(i))).getReason()).isEqualTo(Reason.PASSWORD);
        }
    }

    @Test
    @DisplayName("U7 nine failures within the window should not block the device")
    void decideShouldNotBlockWhenBelowTheLimit() {
        failTimes(LAPTOP, 9, NOW, Duration.ofSeconds(10));

        assertThat(fixture.history.findBlock(id(LAPTOP)).blockOptional()).isEmpty();
        assertThat(engine.decide(attempt(ALICE, LAPTOP, true, NOW.plusSeconds(100))).block().getOutcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    @DisplayName("U7 the tenth failure within 15 minutes should block the device for 15 minutes")
    void decideShouldBlockTheDeviceWhenTheTenthFailureHappens() {
        failTimes(LAPTOP, 9, NOW, Duration.ofSeconds(10));
        Instant tenth = NOW.plusSeconds(90);

        PolicyDecision decision = fail(LAPTOP, tenth);

        assertThat(decision).isEqualTo(PolicyDecision.deny(Reason.TOO_MANY_FAILURES, Optional.of(id(LAPTOP))));
        assertThat(fixture.history.findBlock(id(LAPTOP)).block())
            .isEqualTo(Block.of(id(LAPTOP), tenth, Optional.of(tenth.plus(Duration.ofMinutes(15))), Optional.of("too many failures")));
        assertThat(fixture.alerts.kinds()).containsExactly(Alert.Kind.DEVICE_BLOCKED);
    }

    @Test
    @DisplayName("U6 U7 a blocked device should be refused on every account, even with the right password")
    void decideShouldDenyTheBlockedDeviceOnEveryAccount() {
        failTimes(LAPTOP, 9, NOW, Duration.ofSeconds(10));
        fail(LAPTOP, NOW.plusSeconds(90));

        assertThat(engine.decide(attempt(ALICE, LAPTOP, true, NOW.plusSeconds(100))).block().getReason()).isEqualTo(Reason.BLOCKED);
        assertThat(engine.decide(attempt(BOB, LAPTOP, true, NOW.plusSeconds(100))).block().getReason()).isEqualTo(Reason.BLOCKED);
    }

    @Test
    @DisplayName("U6 another device behind the same IP should still pass while one is blocked")
    void decideShouldAllowAnotherDeviceFromTheSameIpWhenOneIsBlocked() {
        failTimes(LAPTOP, 9, NOW, Duration.ofSeconds(10));
        fail(LAPTOP, NOW.plusSeconds(90));

        PolicyDecision decision = engine.decide(attempt(ALICE, PHONE, true, NOW.plusSeconds(100))).block();

        assertThat(decision).isEqualTo(PolicyDecision.allow(Reason.OK, Optional.of(id(PHONE))));
    }

    @Test
    @DisplayName("U7 failures of one device should add up across accounts")
    void decideShouldCountFailuresOfADeviceOnEveryAccount() {
        for (int i = 0; i < 5; i++) {
            engine.decide(attempt(ALICE, LAPTOP, false, NOW.plusSeconds(i))).block();
            engine.decide(attempt(BOB, LAPTOP, false, NOW.plusSeconds(i))).block();
        }

        assertThat(fixture.history.findBlock(id(LAPTOP)).block().isActive(NOW.plusSeconds(10))).isTrue();
    }

    @Test
    @DisplayName("U7 failures older than the window should not count")
    void decideShouldNotCountFailuresBeforeTheWindow() {
        failTimes(LAPTOP, 9, NOW, Duration.ofMinutes(2));

        // The tenth comes 18 minutes after the first: only 8 are within 15 minutes.
        assertThat(fail(LAPTOP, NOW.plus(Duration.ofMinutes(18))).getReason()).isEqualTo(Reason.PASSWORD);
        assertThat(fixture.history.findBlock(id(LAPTOP)).blockOptional()).isEmpty();
    }

    @Test
    @DisplayName("U7 the automatic block should end after its duration")
    void decideShouldAllowTheDeviceAgainWhenTheBlockHasEnded() {
        failTimes(LAPTOP, 10 - 1, NOW, Duration.ofSeconds(1));
        fail(LAPTOP, NOW.plusSeconds(9));

        PolicyDecision decision = engine.decide(attempt(ALICE, LAPTOP, true, NOW.plusSeconds(9).plus(Duration.ofMinutes(15)))).block();

        assertThat(decision.getReason()).isEqualTo(Reason.OK);
    }

    @Test
    @DisplayName("U7 an unknown device guessing passwords should be blocked too, without joining the account")
    void decideShouldBlockAnUnknownDeviceWithoutRecordingItOnTheAccount() {
        failTimes(ATTACKER, 9, NOW, Duration.ofSeconds(1));

        assertThat(fail(ATTACKER, NOW.plusSeconds(9)).getReason()).isEqualTo(Reason.TOO_MANY_FAILURES);
        assertThat(fixture.stored(ALICE, ATTACKER)).isEmpty();
    }

    @Test
    @DisplayName("U3 U7 wrong passwords should not take the first-device slot of a trust-first account")
    void decideShouldKeepTrustOnFirstUseForTheOwnerWhenAnAttackerFailsFirst() {
        EngineFixture empty = new EngineFixture();
        ClientIdPolicyEngine trustFirst = empty.engine("clientid.mode=trust-first");
        trustFirst.decide(attempt(ALICE, ATTACKER, false, NOW)).block();

        PolicyDecision owner = trustFirst.decide(attempt(ALICE, LAPTOP, true, NOW.plusSeconds(1))).block();

        assertThat(owner).isEqualTo(PolicyDecision.allow(Reason.NEW_DEVICE, Optional.of(id(LAPTOP))));
    }

    @Test
    @DisplayName("P4 an administrator's block without end should not be replaced by a shorter automatic one")
    void decideShouldKeepAPermanentBlockWhenTheLimitIsReached() {
        Block permanent = Block.of(id(LAPTOP), NOW.minusSeconds(60), Optional.empty(), Optional.of("stolen laptop"));
        fixture.history.saveBlock(permanent).block();

        for (int i = 0; i < 12; i++) {
            assertThat(fail(LAPTOP, NOW.plusSeconds(i)).getReason()).isEqualTo(Reason.BLOCKED);
        }

        assertThat(fixture.history.findBlock(id(LAPTOP)).block()).isEqualTo(permanent);
        assertThat(fixture.failuresInWindow(LAPTOP, NOW)).isZero();
    }

    @Test
    void decideShouldBlockAtTheConfiguredLimitForTheConfiguredDuration() {
        ClientIdPolicyEngine strict = fixture.engine("clientid.mode=enforce", "clientid.failures.limit=3",
            "clientid.failures.window=1m", "clientid.failures.blockDuration=2h");
        strict.decide(attempt(ALICE, LAPTOP, false, NOW)).block();
        strict.decide(attempt(ALICE, LAPTOP, false, NOW.plusSeconds(1))).block();

        PolicyDecision third = strict.decide(attempt(ALICE, LAPTOP, false, NOW.plusSeconds(2))).block();

        assertThat(third.getReason()).isEqualTo(Reason.TOO_MANY_FAILURES);
        assertThat(fixture.history.findBlock(id(LAPTOP)).block().getUntil()).contains(NOW.plusSeconds(2).plus(Duration.ofHours(2)));
    }

    @Test
    void decideShouldCountTheFailureOnTheAccountsDeviceRecord() {
        fail(LAPTOP, NOW);
        fail(LAPTOP, NOW.plusSeconds(1));

        assertThat(fixture.stored(ALICE, LAPTOP).get().getFailures()).isEqualTo(2);
        assertThat(fixture.stored(BOB, LAPTOP).get().getFailures()).isZero();
    }
}

package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.policy.EngineFixture.LAPTOP;
import static org.jamesclientid.policy.EngineFixture.NOW;
import static org.jamesclientid.policy.EngineFixture.PHONE;
import static org.jamesclientid.policy.EngineFixture.attempt;
import static org.jamesclientid.policy.EngineFixture.id;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.policy.PolicyDecision.Outcome;
import org.jamesclientid.policy.PolicyDecision.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Shared-device detection (U2): one device used with more than 5 distinct accounts within an hour is blocked for an
 * hour.
 */
class SharedDeviceTest {
    EngineFixture fixture;
    ClientIdPolicyEngine engine;

    @BeforeEach
    void setUp() {
        fixture = new EngineFixture();
        engine = fixture.engine("clientid.mode=observe");
    }

    static Username user(int i) {
        return Username.of("user" + i + "@example.com");
    }

    PolicyDecision login(int user, boolean passwordValid, Instant at) {
        return engine.decide(attempt(user(user), LAPTOP, passwordValid, at)).block();
    }

    @Test
    @DisplayName("U2 five accounts within the hour should pass")
    void decideShouldAllowUpToTheMaximumNumberOfAccounts() {
        for (int i = 1; i <= 5; i++) {
            assertThat(login(i, true, NOW.plusSeconds(i)).getOutcome()).isEqualTo(Outcome.ALLOW);
        }
        assertThat(fixture.block(LAPTOP)).isEmpty();
    }

    @Test
    @DisplayName("U2 a sixth account within the hour should block the device for an hour and alert")
    void decideShouldBlockTheDeviceWhenUsedWithTooManyAccounts() {
        for (int i = 1; i <= 5; i++) {
            login(i, true, NOW.plusSeconds(i));
        }
        Instant sixth = NOW.plusSeconds(6);

        PolicyDecision decision = login(6, true, sixth);

        assertThat(decision).isEqualTo(PolicyDecision.deny(Reason.SHARED_DEVICE, Optional.of(id(LAPTOP))));
        assertThat(fixture.block(LAPTOP).get())
            .isEqualTo(Block.of(id(LAPTOP), Actor.AUTOMATIC, sixth, Optional.of(sixth.plus(Duration.ofHours(1))), Optional.of("shared device")));
        assertThat(fixture.alerts.kinds()).contains(Alert.Kind.DEVICE_BLOCKED);
        assertThat(fixture.stored(user(6), LAPTOP)).isEmpty();
    }

    @Test
    @DisplayName("U2 once blocked, the device should be refused on the accounts it used before")
    void decideShouldDenyEarlierAccountsOnceBlocked() {
        for (int i = 1; i <= 6; i++) {
            login(i, true, NOW.plusSeconds(i));
        }

        assertThat(login(1, true, NOW.plusSeconds(10)).getReason()).isEqualTo(Reason.BLOCKED);
    }

    @Test
    @DisplayName("U2 U7 password spraying from one device should count failed attempts as uses")
    void decideShouldCountAccountsTriedWithWrongPasswords() {
        for (int i = 1; i <= 5; i++) {
            assertThat(login(i, false, NOW.plusSeconds(i)).getReason()).isEqualTo(Reason.PASSWORD);
        }

        assertThat(login(6, false, NOW.plusSeconds(6)).getReason()).isEqualTo(Reason.SHARED_DEVICE);
    }

    @Test
    @DisplayName("U2 accounts used before the window should not count")
    void decideShouldNotCountAccountsBeforeTheWindow() {
        for (int i = 1; i <= 5; i++) {
            login(i, true, NOW.minus(Duration.ofHours(2)));
        }

        assertThat(login(6, true, NOW).getOutcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    @DisplayName("U2 one account using its device many times should not count as sharing")
    void decideShouldCountEachAccountOnce() {
        for (int i = 0; i < 20; i++) {
            assertThat(login(1, true, NOW.plusSeconds(i)).getOutcome()).isEqualTo(Outcome.ALLOW);
        }
    }

    @Test
    @DisplayName("U2 U6 other devices should not be affected")
    void decideShouldNotAffectOtherDevices() {
        for (int i = 1; i <= 6; i++) {
            login(i, true, NOW.plusSeconds(i));
        }

        assertThat(engine.decide(attempt(user(1), PHONE, true, NOW.plusSeconds(10))).block().getOutcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void decideShouldFollowTheConfiguredMaximum() {
        ClientIdPolicyEngine strict = fixture.engine("clientid.sharedDevice.maxAccounts=1", "clientid.sharedDevice.blockDuration=5m");
        strict.decide(attempt(user(1), LAPTOP, true, NOW)).block();

        PolicyDecision second = strict.decide(attempt(user(2), LAPTOP, true, NOW)).block();

        assertThat(second.getReason()).isEqualTo(Reason.SHARED_DEVICE);
        assertThat(fixture.block(LAPTOP).get().getUntil()).contains(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void decideShouldRecordWhichAccountsUsedTheDevice() {
        login(1, true, NOW);
        login(2, false, NOW.plusSeconds(1));

        assertThat(fixture.useRecorded(LAPTOP, user(1))).isTrue();
        assertThat(fixture.useRecorded(LAPTOP, user(2))).isTrue();
    }
}

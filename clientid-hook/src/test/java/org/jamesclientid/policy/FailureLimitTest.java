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

import org.apache.james.core.Username;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;
import org.jamesclientid.policy.PolicyDecision.Outcome;
import org.jamesclientid.policy.PolicyDecision.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The failure limits (docs/security.md, "Throttling"): per device on an account (10 in 15 minutes throttle that
 * device there), per device on every account (30: blocked everywhere), per account and per address (30: what the
 * account does not trust is throttled), each refusal counted once per connection.
 */
class FailureLimitTest {
    static final ClientId ATTACKER = ClientId.of("UUID", "ffffffff-0000-4000-8000-000000000001");
    static final Username CAROL = Username.of("carol@example.com");

    EngineFixture fixture;
    ClientIdPolicyEngine engine;

    @BeforeEach
    void setUp() {
        fixture = new EngineFixture();
        fixture.history.devices().add(ALICE, device(LAPTOP, DeviceStatus.TRUSTED)).block();
        fixture.history.devices().add(ALICE, device(PHONE, DeviceStatus.TRUSTED)).block();
        fixture.history.devices().add(BOB, device(LAPTOP, DeviceStatus.TRUSTED)).block();
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

    static ClientId token(int i) {
        return ClientId.of("UUID", String.format("00000000-0000-4000-8000-%012d", i));
    }

    static AuthAttempt from(String ip, Username username, Optional<ClientId> clientId, boolean passwordValid, Instant at) {
        return AuthAttempt.builder().username(username).clientId(clientId).passwordValid(passwordValid).remoteIp(ip).at(at).build();
    }

    @Nested
    class DeviceOnAccount {
        @Test
        @DisplayName("U7 nine failures within the window should not throttle the device")
        void decideShouldNotThrottleWhenBelowTheLimit() {
            failTimes(LAPTOP, 9, NOW, Duration.ofSeconds(10));

            assertThat(fixture.limits.ofAccount(ALICE).collectList().block()).isEmpty();
            assertThat(engine.decide(attempt(ALICE, LAPTOP, true, NOW.plusSeconds(100))).block().getOutcome()).isEqualTo(Outcome.ALLOW);
        }

        @Test
        @DisplayName("U7 the tenth failure within 15 minutes should throttle the device on that account for 15 minutes")
        void decideShouldThrottleTheDeviceOnTheAccountWhenTheTenthFailureHappens() {
            failTimes(LAPTOP, 9, NOW, Duration.ofSeconds(10));
            Instant tenth = NOW.plusSeconds(90);

            PolicyDecision decision = fail(LAPTOP, tenth);

            assertThat(decision).isEqualTo(PolicyDecision.deny(Reason.TOO_MANY_FAILURES, Optional.of(id(LAPTOP))));
            assertThat(fixture.limits.find(LimitKey.deviceOnAccount(id(LAPTOP), ALICE)).block())
                .isEqualTo(Throttle.of(LimitKey.deviceOnAccount(id(LAPTOP), ALICE), tenth, tenth.plus(Duration.ofMinutes(15))));
            assertThat(fixture.block(LAPTOP)).as("no block on every account").isEmpty();
            assertThat(fixture.alerts.kinds()).containsExactly(Alert.Kind.DEVICE_BLOCKED);
        }

        @Test
        @DisplayName("U7 a throttled device should be refused on its account even with the right password, and go on elsewhere")
        void decideShouldRefuseTheThrottledDeviceOnItsAccountOnly() {
            failTimes(LAPTOP, 9, NOW, Duration.ofSeconds(10));
            fail(LAPTOP, NOW.plusSeconds(90));

            assertThat(engine.decide(attempt(ALICE, LAPTOP, true, NOW.plusSeconds(100))).block().getReason()).isEqualTo(Reason.THROTTLED);
            assertThat(engine.decide(attempt(BOB, LAPTOP, true, NOW.plusSeconds(100))).block().getReason()).isEqualTo(Reason.OK);
        }

        @Test
        @DisplayName("U6 another device behind the same IP should still pass while one is throttled")
        void decideShouldAllowAnotherDeviceFromTheSameIpWhenOneIsThrottled() {
            failTimes(LAPTOP, 9, NOW, Duration.ofSeconds(10));
            fail(LAPTOP, NOW.plusSeconds(90));

            PolicyDecision decision = engine.decide(attempt(ALICE, PHONE, true, NOW.plusSeconds(100))).block();

            assertThat(decision).isEqualTo(PolicyDecision.allow(Reason.OK, Optional.of(id(PHONE))));
        }

        @Test
        @DisplayName("U7 failures older than the window should not count")
        void decideShouldNotCountFailuresBeforeTheWindow() {
            failTimes(LAPTOP, 9, NOW, Duration.ofMinutes(2));

            // The tenth comes 18 minutes after the first: only 8 are within 15 minutes.
            assertThat(fail(LAPTOP, NOW.plus(Duration.ofMinutes(18))).getReason()).isEqualTo(Reason.PASSWORD);
        }

        @Test
        @DisplayName("U7 the automatic throttle should end after its duration")
        void decideShouldAllowTheDeviceAgainWhenTheThrottleHasEnded() {
            failTimes(LAPTOP, 9, NOW, Duration.ofSeconds(1));
            fail(LAPTOP, NOW.plusSeconds(9));

            PolicyDecision decision = engine.decide(attempt(ALICE, LAPTOP, true, NOW.plusSeconds(9).plus(Duration.ofMinutes(15)))).block();

            assertThat(decision.getReason()).isEqualTo(Reason.OK);
        }

        @Test
        @DisplayName("U7 a throttled attempt should write nothing")
        void decideShouldRecordNothingWhileThrottled() {
            failTimes(LAPTOP, 9, NOW, Duration.ofSeconds(1));
            fail(LAPTOP, NOW.plusSeconds(9));
            long failures = fixture.failuresInWindow(LAPTOP, NOW);

            for (int i = 0; i < 20; i++) {
                assertThat(fail(LAPTOP, NOW.plusSeconds(10 + i)).getReason()).isEqualTo(Reason.THROTTLED);
            }

            assertThat(fixture.failuresInWindow(LAPTOP, NOW)).isEqualTo(failures);
            assertThat(fixture.activity(ALICE, LAPTOP).get().getFailures()).isEqualTo(10);
        }

        @Test
        @DisplayName("U7 an unknown device guessing passwords in observe should be throttled too, without joining the account")
        void decideShouldThrottleAnUnknownDeviceWithoutRecordingItOnTheAccount() {
            ClientIdPolicyEngine observe = fixture.engine("clientid.mode=observe");
            for (int i = 0; i < 9; i++) {
                assertThat(observe.decide(attempt(ALICE, ATTACKER, false, NOW.plusSeconds(i))).block().getReason()).isEqualTo(Reason.PASSWORD);
            }

            assertThat(observe.decide(attempt(ALICE, ATTACKER, false, NOW.plusSeconds(9))).block().getReason()).isEqualTo(Reason.TOO_MANY_FAILURES);
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
        @DisplayName("P4 an administrator's block without end should stay, and a blocked device should write nothing")
        void decideShouldKeepAPermanentBlockWhenTheLimitIsReached() {
            Block permanent = Block.of(id(LAPTOP), Actor.ADMINISTRATOR, NOW.minusSeconds(60), Optional.empty(), Optional.of("stolen laptop"));
            fixture.history.blocks().block(permanent).block();

            for (int i = 0; i < 12; i++) {
                assertThat(fail(LAPTOP, NOW.plusSeconds(i)).getReason()).isEqualTo(Reason.BLOCKED);
            }

            assertThat(fixture.block(LAPTOP).get()).isEqualTo(permanent);
            assertThat(fixture.failuresInWindow(LAPTOP, NOW)).isZero();
        }

        @Test
        void decideShouldThrottleAtTheConfiguredLimitForTheConfiguredDuration() {
            ClientIdPolicyEngine strict = fixture.engine("clientid.mode=enforce", "clientid.failures.limit=3",
                "clientid.failures.window=1m", "clientid.failures.blockDuration=2h");
            strict.decide(attempt(ALICE, LAPTOP, false, NOW)).block();
            strict.decide(attempt(ALICE, LAPTOP, false, NOW.plusSeconds(1))).block();

            PolicyDecision third = strict.decide(attempt(ALICE, LAPTOP, false, NOW.plusSeconds(2))).block();

            assertThat(third.getReason()).isEqualTo(Reason.TOO_MANY_FAILURES);
            assertThat(fixture.limits.find(LimitKey.deviceOnAccount(id(LAPTOP), ALICE)).block().getUntil())
                .isEqualTo(NOW.plusSeconds(2).plus(Duration.ofHours(2)));
        }

        @Test
        void decideShouldCountTheFailureOnTheAccountsDeviceRecord() {
            fail(LAPTOP, NOW);
            fail(LAPTOP, NOW.plusSeconds(1));

            assertThat(fixture.activity(ALICE, LAPTOP).get().getFailures()).isEqualTo(2);
            assertThat(fixture.activity(BOB, LAPTOP).map(DeviceActivity::getFailures).orElse(0L)).isZero();
        }
    }

    @Nested
    class EveryAccount {
        @Test
        @DisplayName("U2 U7 a device failing on several accounts should be blocked on every account")
        void decideShouldBlockADeviceFailingOnManyAccountsEverywhere() {
            ClientIdPolicyEngine limited = fixture.engine("clientid.mode=enforce", "clientid.failures.allAccounts.limit=12");
            for (int i = 0; i < 6; i++) {
                limited.decide(attempt(ALICE, LAPTOP, false, NOW.plusSeconds(i))).block();
                limited.decide(attempt(BOB, LAPTOP, false, NOW.plusSeconds(i))).block();
            }

            assertThat(fixture.block(LAPTOP).get().isActive(NOW.plusSeconds(10))).isTrue();
            assertThat(limited.decide(attempt(CAROL, LAPTOP, true, NOW.plusSeconds(10))).block().getReason()).isEqualTo(Reason.BLOCKED);
        }

        @Test
        @DisplayName("U6 one account's failures alone should never block the device on other accounts")
        void decideShouldNotBlockEverywhereFromOneAccountsFailures() {
            for (int i = 0; i < 40; i++) {
                fail(LAPTOP, NOW.plusSeconds(i));
            }

            assertThat(fixture.block(LAPTOP)).isEmpty();
            assertThat(engine.decide(attempt(BOB, LAPTOP, true, NOW.plusSeconds(50))).block().getReason()).isEqualTo(Reason.OK);
        }
    }

    @Nested
    class Account {
        @Test
        @DisplayName("U7 U9 rotating tokens against one account should throttle unknown devices there, never its trusted ones")
        void decideShouldThrottleUnknownDevicesOnAnAccountUnderAttackButNotItsTrustedDevice() {
            // A distributed attack: a new token and a new address each time.
            for (int i = 0; i < 29; i++) {
                assertThat(engine.decide(from("198.51.100." + i, ALICE, Optional.of(token(i)), false, NOW.plusSeconds(i))).block().getReason())
                    .isEqualTo(Reason.PASSWORD);
            }
            assertThat(engine.decide(from("198.51.100.29", ALICE, Optional.of(token(29)), false, NOW.plusSeconds(29))).block().getReason())
                .isEqualTo(Reason.TOO_MANY_FAILURES);

            assertThat(engine.decide(attempt(ALICE, token(30), true, NOW.plusSeconds(30))).block().getReason()).isEqualTo(Reason.THROTTLED);
            assertThat(engine.decide(attempt(ALICE, LAPTOP, true, NOW.plusSeconds(30))).block()).isEqualTo(
                PolicyDecision.allow(Reason.OK, Optional.of(id(LAPTOP))));
            assertThat(engine.decide(attempt(BOB, token(31), true, NOW.plusSeconds(30))).block().getReason())
                .as("another account").isEqualTo(Reason.UNKNOWN_DEVICE);
        }

        @Test
        @DisplayName("U5 U7 password guesses without CLIENTID should throttle password-only sign-ins of the account")
        void decideShouldThrottlePasswordOnlySignInsOfAnAccountUnderAttack() {
            ClientIdPolicyEngine observe = fixture.engine("clientid.mode=observe");
            for (int i = 0; i < 30; i++) {
                observe.decide(from("198.51.100." + (i % 200), ALICE, Optional.empty(), false, NOW.plusSeconds(i))).block();
            }

            assertThat(observe.decide(from("192.0.2.99", ALICE, Optional.empty(), true, NOW.plusSeconds(31))).block().getReason())
                .isEqualTo(Reason.THROTTLED);
            assertThat(observe.decide(from("192.0.2.99", ALICE, Optional.of(PHONE), true, NOW.plusSeconds(31))).block().getReason())
                .isEqualTo(Reason.OK);
        }

        @Test
        @DisplayName("U6 the failures of a trusted device should not throttle the account for anyone else")
        void decideShouldNotCountATrustedDevicesFailuresAgainstTheAccount() {
            for (int i = 0; i < 40; i++) {
                fail(LAPTOP, NOW.plusSeconds(i));
            }

            assertThat(fixture.limits.find(LimitKey.account(ALICE)).blockOptional()).isEmpty();
            assertThat(fixture.limits.find(LimitKey.address(EngineFixture.IP)).blockOptional()).isEmpty();
        }
    }

    @Nested
    class Address {
        @Test
        @DisplayName("U7 one address guessing many accounts should be throttled for what those accounts do not trust")
        void decideShouldThrottleAnAddressGuessingManyAccounts() {
            for (int i = 0; i < 30; i++) {
                engine.decide(from("203.0.113.9", Username.of("user" + i + "@example.com"), Optional.of(token(i)), false, NOW.plusSeconds(i))).block();
            }

            assertThat(engine.decide(from("203.0.113.9", CAROL, Optional.of(token(99)), true, NOW.plusSeconds(40))).block().getReason())
                .isEqualTo(Reason.THROTTLED);
            assertThat(engine.decide(from("203.0.113.10", CAROL, Optional.of(token(99)), true, NOW.plusSeconds(40))).block().getReason())
                .as("another address").isEqualTo(Reason.UNKNOWN_DEVICE);
            assertThat(engine.decide(from("203.0.113.9", ALICE, Optional.of(LAPTOP), true, NOW.plusSeconds(40))).block().getReason())
                .as("a trusted device behind the throttled address").isEqualTo(Reason.OK);
        }

        @Test
        @DisplayName("U7 IPv6 addresses of one /64 should count together")
        void decideShouldCountAnIpv6Slash64AsOneAddress() {
            for (int i = 0; i < 30; i++) {
                engine.decide(from("2001:db8:1:2::" + Integer.toHexString(i + 1), Username.of("user" + i + "@example.com"),
                    Optional.empty(), false, NOW.plusSeconds(i))).block();
            }

            assertThat(engine.decide(from("2001:db8:1:2:ffff::1", CAROL, Optional.of(token(99)), true, NOW.plusSeconds(40))).block()
                .getReason()).isEqualTo(Reason.THROTTLED);
            assertThat(engine.decide(from("2001:db8:1:3::1", CAROL, Optional.of(token(99)), true, NOW.plusSeconds(40))).block()
                .getReason()).isEqualTo(Reason.UNKNOWN_DEVICE);
        }
    }

    @Nested
    class OneConnection {
        @Test
        @DisplayName("U7 a client retrying on the same connection (PLAIN then LOGIN) should count once")
        void decideShouldCountOnceWhenTheConnectionAlreadyCountedTheFailure() {
            for (int i = 0; i < 20; i++) {
                engine.decide(attempt(ALICE, LAPTOP, false, NOW.plusSeconds(i))).block();
                engine.decide(AuthAttempt.builder().username(ALICE).clientId(LAPTOP).passwordValid(false).remoteIp(EngineFixture.IP)
                    .at(NOW.plusSeconds(i)).failureCountedOnConnection(true).build()).block();
                if (i == 8) {
                    assertThat(fixture.limits.ofAccount(ALICE).collectList().block()).as("nine connections, eighteen AUTHs").isEmpty();
                }
            }

            assertThat(fixture.failuresInWindow(LAPTOP, NOW)).isEqualTo(10);
        }
    }
}

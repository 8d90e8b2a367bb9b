package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.core.ClientIdMode.ENFORCE;
import static org.jamesclientid.core.ClientIdMode.OBSERVE;
import static org.jamesclientid.core.ClientIdMode.OFF;
import static org.jamesclientid.core.ClientIdMode.TRUST_FIRST;
import static org.jamesclientid.policy.ClientIdPolicyEngineTest.State.BLOCKED;
import static org.jamesclientid.policy.ClientIdPolicyEngineTest.State.BLOCK_EXPIRED;
import static org.jamesclientid.policy.ClientIdPolicyEngineTest.State.FIRST_DEVICE;
import static org.jamesclientid.policy.ClientIdPolicyEngineTest.State.NO_CLIENTID;
import static org.jamesclientid.policy.ClientIdPolicyEngineTest.State.PENDING;
import static org.jamesclientid.policy.ClientIdPolicyEngineTest.State.REVOKED;
import static org.jamesclientid.policy.ClientIdPolicyEngineTest.State.REVOKED_EXPIRED;
import static org.jamesclientid.policy.ClientIdPolicyEngineTest.State.TRUSTED;
import static org.jamesclientid.policy.ClientIdPolicyEngineTest.State.UNKNOWN;
import static org.jamesclientid.policy.EngineFixture.ALICE;
import static org.jamesclientid.policy.EngineFixture.LAPTOP;
import static org.jamesclientid.policy.EngineFixture.LAST_WEEK;
import static org.jamesclientid.policy.EngineFixture.NOW;
import static org.jamesclientid.policy.EngineFixture.PHONE;
import static org.jamesclientid.policy.EngineFixture.device;
import static org.jamesclientid.policy.EngineFixture.id;
import static org.jamesclientid.policy.EngineFixture.revoked;
import static org.jamesclientid.policy.PolicyDecision.Outcome.ALLOW;
import static org.jamesclientid.policy.PolicyDecision.Outcome.DENY;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.policy.PolicyDecision.Outcome;
import org.jamesclientid.policy.PolicyDecision.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mode x device state x password outcome: the decision, and what the device history holds afterwards. Rows
 * marked "oracle": a refused device records exactly what the same attempt with the other password records, so no
 * later reply can tell whether the password was right (issue 12).
 * Alice presents her laptop (or no CLIENTID); "unknown" means she has another trusted device (her phone), "first
 * device" that she has none.
 */
class ClientIdPolicyEngineTest {
    enum State {
        NO_CLIENTID, UNKNOWN, FIRST_DEVICE, TRUSTED, PENDING, REVOKED, REVOKED_EXPIRED, BLOCKED, BLOCK_EXPIRED;

        void arrange(EngineFixture fixture) {
            switch (this) {
                case NO_CLIENTID:
                case UNKNOWN:
                    save(fixture, device(PHONE, DeviceStatus.TRUSTED));
                    break;
                case FIRST_DEVICE:
                    break;
                case TRUSTED:
                    save(fixture, device(LAPTOP, DeviceStatus.TRUSTED));
                    break;
                case PENDING:
                    save(fixture, device(LAPTOP, DeviceStatus.PENDING));
                    break;
                case REVOKED:
                    save(fixture, revoked(LAPTOP, Optional.of(NOW.plus(Duration.ofDays(1)))));
                    break;
                case REVOKED_EXPIRED:
                    save(fixture, revoked(LAPTOP, Optional.of(NOW.minus(Duration.ofHours(1)))));
                    break;
                case BLOCKED:
                    save(fixture, device(LAPTOP, DeviceStatus.TRUSTED));
                    fixture.history.blocks().block(Block.of(id(LAPTOP), Actor.ADMINISTRATOR, LAST_WEEK, Optional.of(NOW.plus(Duration.ofHours(1))), Optional.of("stolen"))).block();
                    break;
                default:
                    save(fixture, device(LAPTOP, DeviceStatus.TRUSTED));
                    fixture.history.blocks().block(Block.of(id(LAPTOP), Actor.ADMINISTRATOR, LAST_WEEK, Optional.of(NOW.minusSeconds(60)), Optional.of("stolen"))).block();
            }
        }

        AuthAttempt attempt(boolean passwordValid) {
            return EngineFixture.attempt(ALICE, this == NO_CLIENTID ? Optional.empty() : Optional.of(LAPTOP), passwordValid, NOW);
        }

        Recorded initially() {
            switch (this) {
                case NO_CLIENTID:
                case UNKNOWN:
                case FIRST_DEVICE:
                    return NOTHING;
                case PENDING:
                    return unchanged(DeviceStatus.PENDING);
                case REVOKED:
                case REVOKED_EXPIRED:
                    return unchanged(DeviceStatus.REVOKED);
                default:
                    return unchanged(DeviceStatus.TRUSTED);
            }
        }

        private static void save(EngineFixture fixture, Device device) {
            fixture.history.devices().add(ALICE, device).block();
        }
    }

    /**
     * The laptop's record for Alice afterwards (status, counters), failures in the device's window, and whether the
     * device -> account use was recorded.
     */
    static class Recorded {
        final Optional<DeviceStatus> status;
        final long successes;
        final long failures;
        final long failuresInWindow;
        final boolean use;

        Recorded(Optional<DeviceStatus> status, long successes, long failures, long failuresInWindow, boolean use) {
            this.status = status;
            this.successes = successes;
            this.failures = failures;
            this.failuresInWindow = failuresInWindow;
            this.use = use;
        }

        @Override
        public String toString() {
            return status.map(DeviceStatus::asString).orElse("no record") + (successes > 0 ? " +success" : "")
                + (failures > 0 ? " +failure" : "") + (failuresInWindow > 0 ? " +device failure" : "") + (use ? " +use" : "");
        }
    }

    static final Recorded NOTHING = new Recorded(Optional.empty(), 0, 0, 0, false);
    static final Recorded FAILURE_OF_UNKNOWN_DEVICE = new Recorded(Optional.empty(), 0, 0, 1, true);

    static Recorded unchanged(DeviceStatus status) {
        return new Recorded(Optional.of(status), 0, 0, 0, false);
    }

    static Recorded success(DeviceStatus status) {
        return new Recorded(Optional.of(status), 1, 0, 0, true);
    }

    static Recorded failure(DeviceStatus status) {
        return new Recorded(Optional.of(status), 0, 1, 1, true);
    }

    static class Row {
        final ClientIdMode mode;
        final State state;
        final boolean passwordValid;
        final Outcome outcome;
        final Reason reason;
        final Recorded recorded;
        final String requirements;

        Row(ClientIdMode mode, State state, boolean passwordValid, Outcome outcome, Reason reason, Recorded recorded, String requirements) {
            this.mode = mode;
            this.state = state;
            this.passwordValid = passwordValid;
            this.outcome = outcome;
            this.reason = reason;
            this.recorded = recorded;
            this.requirements = requirements;
        }

        @Override
        public String toString() {
            return (requirements.isEmpty() ? "" : requirements + ": ") + mode.asString() + ", " + state + ", "
                + (passwordValid ? "valid" : "wrong") + " password -> " + outcome + " " + reason + ", " + recorded;
        }
    }

    static final boolean VALID = true;
    static final boolean WRONG = false;

    static Row row(ClientIdMode mode, State state, boolean password, Outcome outcome, Reason reason, Recorded recorded, String requirements) {
        return new Row(mode, state, password, outcome, reason, recorded, requirements);
    }

    static Stream<Row> table() {
        Stream<Row> off = Arrays.stream(State.values()).flatMap(state -> Stream.of(
            row(OFF, state, VALID, ALLOW, Reason.MODE_OFF, state.initially(), "mode off"),
            row(OFF, state, WRONG, DENY, Reason.PASSWORD, state.initially(), "mode off")));
        Stream<Row> observe = Stream.of(
            row(OBSERVE, NO_CLIENTID, VALID, ALLOW, Reason.NO_CLIENTID, NOTHING, "U5"),
            row(OBSERVE, NO_CLIENTID, WRONG, DENY, Reason.PASSWORD, NOTHING, "U5"),
            row(OBSERVE, UNKNOWN, VALID, ALLOW, Reason.NEW_DEVICE, success(DeviceStatus.TRUSTED), "U3"),
            row(OBSERVE, UNKNOWN, WRONG, DENY, Reason.PASSWORD, FAILURE_OF_UNKNOWN_DEVICE, "U7"),
            row(OBSERVE, FIRST_DEVICE, VALID, ALLOW, Reason.NEW_DEVICE, success(DeviceStatus.TRUSTED), "U3"),
            row(OBSERVE, FIRST_DEVICE, WRONG, DENY, Reason.PASSWORD, FAILURE_OF_UNKNOWN_DEVICE, "U7"),
            row(OBSERVE, TRUSTED, VALID, ALLOW, Reason.OK, success(DeviceStatus.TRUSTED), "U8"),
            row(OBSERVE, TRUSTED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.TRUSTED), "U7"),
            row(OBSERVE, PENDING, VALID, ALLOW, Reason.OK, success(DeviceStatus.TRUSTED), ""),
            row(OBSERVE, PENDING, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.PENDING), "U7"),
            row(OBSERVE, REVOKED, VALID, DENY, Reason.REVOKED, failure(DeviceStatus.REVOKED), "P4 oracle"),
            row(OBSERVE, REVOKED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.REVOKED), "P4 oracle"),
            row(OBSERVE, REVOKED_EXPIRED, VALID, ALLOW, Reason.OK, success(DeviceStatus.TRUSTED), "P4"),
            row(OBSERVE, REVOKED_EXPIRED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.REVOKED), "P4"),
            row(OBSERVE, BLOCKED, VALID, DENY, Reason.BLOCKED, unchanged(DeviceStatus.TRUSTED), "P4"),
            row(OBSERVE, BLOCKED, WRONG, DENY, Reason.BLOCKED, unchanged(DeviceStatus.TRUSTED), "P4"),
            row(OBSERVE, BLOCK_EXPIRED, VALID, ALLOW, Reason.OK, success(DeviceStatus.TRUSTED), "P4"),
            row(OBSERVE, BLOCK_EXPIRED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.TRUSTED), "P4"));
        Stream<Row> trustFirst = Stream.of(
            row(TRUST_FIRST, NO_CLIENTID, VALID, DENY, Reason.CLIENTID_REQUIRED, NOTHING, "P1 U5"),
            row(TRUST_FIRST, NO_CLIENTID, WRONG, DENY, Reason.CLIENTID_REQUIRED, NOTHING, "P1 U5 oracle"),
            row(TRUST_FIRST, UNKNOWN, VALID, DENY, Reason.UNKNOWN_DEVICE, failure(DeviceStatus.PENDING), "U3 P5 P8"),
            row(TRUST_FIRST, UNKNOWN, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.PENDING), "U7 P8 oracle"),
            row(TRUST_FIRST, FIRST_DEVICE, VALID, ALLOW, Reason.NEW_DEVICE, success(DeviceStatus.TRUSTED), "U3"),
            row(TRUST_FIRST, FIRST_DEVICE, WRONG, DENY, Reason.PASSWORD, FAILURE_OF_UNKNOWN_DEVICE, "U3 U7"),
            row(TRUST_FIRST, TRUSTED, VALID, ALLOW, Reason.OK, success(DeviceStatus.TRUSTED), "U8"),
            row(TRUST_FIRST, TRUSTED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.TRUSTED), "U7"),
            row(TRUST_FIRST, PENDING, VALID, DENY, Reason.PENDING, failure(DeviceStatus.PENDING), "P5"),
            row(TRUST_FIRST, PENDING, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.PENDING), "U7 oracle"),
            row(TRUST_FIRST, REVOKED, VALID, DENY, Reason.REVOKED, failure(DeviceStatus.REVOKED), "P4"),
            row(TRUST_FIRST, REVOKED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.REVOKED), "P4 oracle"),
            row(TRUST_FIRST, REVOKED_EXPIRED, VALID, ALLOW, Reason.OK, success(DeviceStatus.TRUSTED), "P4"),
            row(TRUST_FIRST, REVOKED_EXPIRED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.REVOKED), "P4"),
            row(TRUST_FIRST, BLOCKED, VALID, DENY, Reason.BLOCKED, unchanged(DeviceStatus.TRUSTED), "P4"),
            row(TRUST_FIRST, BLOCKED, WRONG, DENY, Reason.BLOCKED, unchanged(DeviceStatus.TRUSTED), "P4"),
            row(TRUST_FIRST, BLOCK_EXPIRED, VALID, ALLOW, Reason.OK, success(DeviceStatus.TRUSTED), "P4"),
            row(TRUST_FIRST, BLOCK_EXPIRED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.TRUSTED), "P4"));
        Stream<Row> enforce = Stream.of(
            row(ENFORCE, NO_CLIENTID, VALID, DENY, Reason.CLIENTID_REQUIRED, NOTHING, "P1 U5"),
            row(ENFORCE, NO_CLIENTID, WRONG, DENY, Reason.CLIENTID_REQUIRED, NOTHING, "P1 U5 oracle"),
            row(ENFORCE, UNKNOWN, VALID, DENY, Reason.UNKNOWN_DEVICE, failure(DeviceStatus.PENDING), "U1 U9 P5 P8"),
            row(ENFORCE, UNKNOWN, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.PENDING), "U7 P8 oracle"),
            row(ENFORCE, FIRST_DEVICE, VALID, DENY, Reason.UNKNOWN_DEVICE, failure(DeviceStatus.PENDING), "U4 P5 P8"),
            row(ENFORCE, FIRST_DEVICE, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.PENDING), "U7 P8 oracle"),
            row(ENFORCE, TRUSTED, VALID, ALLOW, Reason.OK, success(DeviceStatus.TRUSTED), "U1 U4 U8 U9"),
            row(ENFORCE, TRUSTED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.TRUSTED), "U7"),
            row(ENFORCE, PENDING, VALID, DENY, Reason.PENDING, failure(DeviceStatus.PENDING), "P5"),
            row(ENFORCE, PENDING, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.PENDING), "U7 oracle"),
            row(ENFORCE, REVOKED, VALID, DENY, Reason.REVOKED, failure(DeviceStatus.REVOKED), "P4"),
            row(ENFORCE, REVOKED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.REVOKED), "P4 oracle"),
            row(ENFORCE, REVOKED_EXPIRED, VALID, ALLOW, Reason.OK, success(DeviceStatus.TRUSTED), "P4"),
            row(ENFORCE, REVOKED_EXPIRED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.REVOKED), "P4"),
            row(ENFORCE, BLOCKED, VALID, DENY, Reason.BLOCKED, unchanged(DeviceStatus.TRUSTED), "P4"),
            row(ENFORCE, BLOCKED, WRONG, DENY, Reason.BLOCKED, unchanged(DeviceStatus.TRUSTED), "P4"),
            row(ENFORCE, BLOCK_EXPIRED, VALID, ALLOW, Reason.OK, success(DeviceStatus.TRUSTED), "P4"),
            row(ENFORCE, BLOCK_EXPIRED, WRONG, DENY, Reason.PASSWORD, failure(DeviceStatus.TRUSTED), "P4"));
        return Stream.of(off, observe, trustFirst, enforce).flatMap(rows -> rows);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decideShouldFollowTheModeDeviceStateAndPassword(Row row) {
        EngineFixture fixture = new EngineFixture();
        row.state.arrange(fixture);
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=" + row.mode.asString());

        PolicyDecision decision = engine.decide(row.state.attempt(row.passwordValid)).block();

        assertThat(decision.getOutcome()).isEqualTo(row.outcome);
        assertThat(decision.getReason()).isEqualTo(row.reason);
        assertThat(decision.getDeviceId()).isEqualTo(row.mode == OFF || row.state == NO_CLIENTID ? Optional.empty() : Optional.of(id(LAPTOP)));
        Optional<Device> laptop = fixture.stored(ALICE, LAPTOP);
        assertThat(laptop.map(Device::getStatus)).isEqualTo(row.recorded.status);
        Optional<DeviceActivity> activity = fixture.activity(ALICE, LAPTOP);
        assertThat(activity.map(DeviceActivity::getSuccesses).orElse(0L)).as("successes").isEqualTo(row.recorded.successes);
        assertThat(activity.map(DeviceActivity::getFailures).orElse(0L)).as("failures").isEqualTo(row.recorded.failures);
        assertThat(activity.map(DeviceActivity::getLastSeen).orElse(LAST_WEEK)).as("last seen")
            .isEqualTo(row.recorded.successes + row.recorded.failures > 0 ? NOW : LAST_WEEK);
        assertThat(fixture.failuresInWindow(LAPTOP, NOW.minus(Duration.ofHours(1)))).as("device failures").isEqualTo(row.recorded.failuresInWindow);
        assertThat(fixture.useRecorded(LAPTOP, ALICE)).as("use recorded").isEqualTo(row.recorded.use);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decideShouldRecordTheSameForBothPasswordsWhenTheDeviceIsRefused(Row row) {
        EngineFixture valid = new EngineFixture();
        EngineFixture wrong = new EngineFixture();
        row.state.arrange(valid);
        row.state.arrange(wrong);

        PolicyDecision withValid = valid.engine("clientid.mode=" + row.mode.asString()).decide(row.state.attempt(VALID)).block();
        PolicyDecision withWrong = wrong.engine("clientid.mode=" + row.mode.asString()).decide(row.state.attempt(WRONG)).block();

        if (withValid.getOutcome() == DENY) {
            // The reason differs (the operator's log says PASSWORD for a wrong one); what the client and the store see
            // does not.
            assertThat(withWrong.getOutcome()).isEqualTo(withValid.getOutcome());
            assertThat(withWrong.getDeviceId()).isEqualTo(withValid.getDeviceId());
            assertThat(wrong.stored(ALICE, LAPTOP)).isEqualTo(valid.stored(ALICE, LAPTOP));
            assertThat(wrong.failuresInWindow(LAPTOP, LAST_WEEK)).isEqualTo(valid.failuresInWindow(LAPTOP, LAST_WEEK));
            assertThat(wrong.limits.failureKeys()).isEqualTo(valid.limits.failureKeys());
        }
    }
}

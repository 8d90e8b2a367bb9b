package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.policy.EngineFixture.ALICE;
import static org.jamesclientid.policy.EngineFixture.IDS;
import static org.jamesclientid.policy.EngineFixture.IP;
import static org.jamesclientid.policy.EngineFixture.LAPTOP;
import static org.jamesclientid.policy.EngineFixture.NOW;
import static org.jamesclientid.policy.EngineFixture.PHONE;
import static org.jamesclientid.policy.EngineFixture.attempt;
import static org.jamesclientid.policy.EngineFixture.device;
import static org.jamesclientid.policy.EngineFixture.id;
import static org.jamesclientid.policy.EngineFixture.revoked;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.policy.PolicyDecision.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import reactor.core.publisher.Mono;

class AlertsTest {
    EngineFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new EngineFixture();
    }

    @Test
    void decideShouldAlertWithTheDeviceDetailsWhenAnAccountGetsANewDevice() {
        fixture.engine("clientid.mode=observe").decide(attempt(ALICE, LAPTOP, true, NOW)).block();

        assertThat(fixture.alerts.alerts()).containsExactly(Alert.builder()
            .kind(Alert.Kind.NEW_DEVICE)
            .username(ALICE)
            .device(id(LAPTOP), "UUID", "23bf...d1a3")
            .firstSeen(Optional.of(NOW))
            .ip(Optional.of(IP))
            .at(NOW)
            .visibility(true, true)
            .build());
    }

    @Test
    void decideShouldAlertDeviceDeniedWhenANewDeviceIsPending() {
        fixture.history.devices().add(ALICE, device(PHONE, DeviceStatus.TRUSTED)).block();

        fixture.engine("clientid.mode=trust-first").decide(attempt(ALICE, LAPTOP, true, NOW)).block();

        assertThat(fixture.alerts.kinds()).containsExactly(Alert.Kind.DEVICE_DENIED);
    }

    @Test
    void decideShouldAlertDevicePendingWithItsFirstSightingWhenAPendingDeviceRetriesWithTheRightPassword() {
        fixture.history.devices().add(ALICE, device(LAPTOP, DeviceStatus.PENDING)).block();

        fixture.engine("clientid.mode=enforce").decide(attempt(ALICE, LAPTOP, true, NOW)).block();

        // Repeats are bounded by the notice limits (one per device and kind per interval), not here.
        assertThat(fixture.alerts.alerts()).singleElement()
            .satisfies(alert -> assertThat(alert.getKind()).isEqualTo(Alert.Kind.DEVICE_PENDING))
            .satisfies(alert -> assertThat(alert.getFirstSeen()).contains(EngineFixture.LAST_WEEK));
    }

    @Test
    void decideShouldNotAlertWhenARefusedDeviceHasTheWrongPassword() {
        fixture.history.devices().add(ALICE, device(LAPTOP, DeviceStatus.PENDING)).block();
        fixture.history.devices().add(ALICE, device(PHONE, DeviceStatus.REVOKED)).block();
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=enforce");

        engine.decide(attempt(ALICE, LAPTOP, false, NOW)).block();
        engine.decide(attempt(ALICE, PHONE, false, NOW)).block();
        engine.decide(attempt(ALICE, Optional.empty(), false, NOW)).block();

        assertThat(fixture.alerts.alerts()).isEmpty();
    }

    @Test
    void decideShouldAlertDeviceRevokedWithTheEndOfTheRevocationWhenARevokedDeviceHasTheRightPassword() {
        fixture.history.devices().add(ALICE, revoked(LAPTOP, Optional.of(NOW.plus(Duration.ofDays(2))))).block();

        fixture.engine("clientid.mode=observe").decide(attempt(ALICE, LAPTOP, true, NOW)).block();

        assertThat(fixture.alerts.alerts()).singleElement()
            .satisfies(alert -> assertThat(alert.getKind()).isEqualTo(Alert.Kind.DEVICE_REVOKED))
            .satisfies(alert -> assertThat(alert.getUntil()).contains(NOW.plus(Duration.ofDays(2))));
    }

    @Test
    void decideShouldAlertBlockedDeviceRefusedWithTheEndOfTheBlockWhenABlockedDeviceHasTheRightPassword() {
        fixture.history.devices().add(ALICE, device(LAPTOP, DeviceStatus.TRUSTED)).block();
        fixture.history.blocks().block(Block.of(id(LAPTOP), Actor.ADMINISTRATOR, NOW.minusSeconds(60), Optional.of(NOW.plus(Duration.ofHours(3))),
            Optional.of("lost laptop"))).block();

        fixture.engine("clientid.mode=enforce").decide(attempt(ALICE, LAPTOP, true, NOW)).block();

        assertThat(fixture.alerts.alerts()).singleElement()
            .satisfies(alert -> assertThat(alert.getKind()).isEqualTo(Alert.Kind.BLOCKED_DEVICE_REFUSED))
            .satisfies(alert -> assertThat(alert.getUntil()).contains(NOW.plus(Duration.ofHours(3))))
            .satisfies(alert -> assertThat(alert.getFirstSeen()).contains(EngineFixture.LAST_WEEK));
    }

    @Test
    void decideShouldAlertClientIdRequiredWithoutADeviceWhenTheRightPasswordComesWithoutClientId() {
        fixture.engine("clientid.mode=enforce").decide(AuthAttempt.builder()
            .username(ALICE)
            .passwordValid(true)
            .remoteIp(IP)
            .clientName(Optional.of("alice-laptop.example"))
            .at(NOW)
            .build()).block();

        assertThat(fixture.alerts.alerts()).singleElement()
            .satisfies(alert -> assertThat(alert.getKind()).isEqualTo(Alert.Kind.CLIENTID_REQUIRED))
            .satisfies(alert -> assertThat(alert.getDeviceId()).isEmpty())
            .satisfies(alert -> assertThat(alert.getClientName()).contains("alice-laptop.example"));
    }

    @Test
    void decideShouldAlertDeviceBlockedWithTheEndOfTheThrottleWhenTheFailureLimitIsReached() {
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=observe", "clientid.failures.limit=2", "clientid.failures.blockDuration=20m");
        fixture.history.devices().add(ALICE, device(LAPTOP, DeviceStatus.TRUSTED)).block();

        engine.decide(attempt(ALICE, LAPTOP, false, NOW)).block();
        engine.decide(attempt(ALICE, LAPTOP, false, NOW.plusSeconds(1))).block();

        assertThat(fixture.alerts.alerts()).singleElement()
            .satisfies(alert -> assertThat(alert.getKind()).isEqualTo(Alert.Kind.DEVICE_BLOCKED))
            .satisfies(alert -> assertThat(alert.getUntil()).contains(NOW.plusSeconds(1).plus(Duration.ofMinutes(20))));
    }

    @Test
    void decideShouldNotAlertForAKnownDevice() {
        fixture.history.devices().add(ALICE, device(LAPTOP, DeviceStatus.TRUSTED)).block();

        fixture.engine().decide(attempt(ALICE, LAPTOP, true, NOW)).block();

        assertThat(fixture.alerts.alerts()).isEmpty();
    }

    @Test
    void decideShouldNotAlertNewDevicesWhenDisabled() {
        fixture.history.devices().add(ALICE, device(PHONE, DeviceStatus.TRUSTED)).block();
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=trust-first", "clientid.alerts.newDevice=false");

        engine.decide(attempt(ALICE, LAPTOP, true, NOW)).block();

        assertThat(fixture.alerts.alerts()).isEmpty();
    }

    @Test
    void decideShouldKeepItsDecisionWhenAListenerFails() {
        AlertListener failing = alert -> Mono.error(new RuntimeException("SMTP relay down"));
        AlertListener throwing = alert -> {
            throw new IllegalStateException("bug");
        };
        ClientIdPolicyEngine engine = fixture.engine(fixture.history, PolicyConfigurations.policy(),
            Set.of(failing, throwing, fixture.alerts), new RecordingMetricFactory());

        try (LogCapture logs = LogCapture.everything()) {
            PolicyDecision decision = engine.decide(attempt(ALICE, LAPTOP, true, NOW)).block();

            assertThat(decision.getReason()).isEqualTo(Reason.NEW_DEVICE);
            assertThat(fixture.alerts.kinds()).containsExactly(Alert.Kind.NEW_DEVICE);
            assertThat(logs.messages(ClientIdPolicyEngine.class.getName(), Level.WARN)).hasSize(2)
                .allSatisfy(message -> assertThat(message).contains("NEW_DEVICE", "not delivered"));
        }
    }

    @Test
    void decideShouldNotWaitLongerThanTheTimeoutForAListener() {
        AlertListener silent = alert -> Mono.never();
        ClientIdPolicyEngine engine = fixture.engine(fixture.history, PolicyConfigurations.policy("clientid.store.timeout=100ms"),
            Set.of(silent), new RecordingMetricFactory());

        PolicyDecision decision = engine.decide(attempt(ALICE, LAPTOP, true, NOW)).block(Duration.ofSeconds(5));

        assertThat(decision.getReason()).isEqualTo(Reason.NEW_DEVICE);
    }

    @Test
    void loggingAlertListenerShouldWriteKindAccountDeviceAndType() {
        Alert alert = Alert.builder().kind(Alert.Kind.DEVICE_BLOCKED).username(ALICE).device(id(LAPTOP), "UUID", "23bf...d1a3")
            .ip(Optional.of(IP)).at(NOW).visibility(true, true).build();

        try (LogCapture logs = LogCapture.everything()) {
            new LoggingAlertListener().onAlert(alert).block();

            assertThat(logs.messages(LoggingAlertListener.class.getName(), Level.WARN)).containsExactly(
                "CLIENTID alert kind=DEVICE_BLOCKED ip=" + IP + " device=" + id(LAPTOP).asString() + " type=\"UUID\" account=\"alice@example.com\"");
        }
    }

    @Test
    void loggingAlertListenerShouldHideTheDeviceWhenTheTypeIsNotForTheSystemLog() {
        Alert alert = Alert.builder().kind(Alert.Kind.NEW_DEVICE).username(ALICE).device(id(LAPTOP), "UUID", "23bf...d1a3")
            .at(NOW).visibility(false, true).build();

        try (LogCapture logs = LogCapture.everything()) {
            new LoggingAlertListener().onAlert(alert).block();

            assertThat(logs.messages(LoggingAlertListener.class.getName(), Level.INFO)).containsExactly(
                "CLIENTID alert kind=NEW_DEVICE ip=- device=hidden type=hidden account=\"alice@example.com\"");
        }
    }
}

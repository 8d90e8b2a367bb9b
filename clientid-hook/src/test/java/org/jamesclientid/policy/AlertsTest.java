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

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.apache.james.metrics.tests.RecordingMetricFactory;
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
            .ip(Optional.of(IP))
            .at(NOW)
            .visibility(true, true)
            .build());
    }

    @Test
    void decideShouldAlertDeviceDeniedWhenANewDeviceIsPending() {
        fixture.history.save(ALICE, device(PHONE, DeviceStatus.TRUSTED)).block();

        fixture.engine("clientid.mode=trust-first").decide(attempt(ALICE, LAPTOP, true, NOW)).block();

        assertThat(fixture.alerts.kinds()).containsExactly(Alert.Kind.DEVICE_DENIED);
    }

    @Test
    void decideShouldNotAlertAgainWhenAPendingDeviceRetries() {
        fixture.history.save(ALICE, device(LAPTOP, DeviceStatus.PENDING)).block();

        fixture.engine("clientid.mode=enforce").decide(attempt(ALICE, LAPTOP, true, NOW)).block();

        assertThat(fixture.alerts.alerts()).isEmpty();
    }

    @Test
    void decideShouldNotAlertForAKnownDevice() {
        fixture.history.save(ALICE, device(LAPTOP, DeviceStatus.TRUSTED)).block();

        fixture.engine().decide(attempt(ALICE, LAPTOP, true, NOW)).block();

        assertThat(fixture.alerts.alerts()).isEmpty();
    }

    @Test
    void decideShouldNotAlertNewDevicesWhenDisabled() {
        fixture.history.save(ALICE, device(PHONE, DeviceStatus.TRUSTED)).block();
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

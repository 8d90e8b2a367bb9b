package org.jamesclientid.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.core.Username;
import org.jamesclientid.activity.MemoryPasswordOnlySignIns;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.MemoryDeviceHistory;
import org.jamesclientid.limit.MemoryLimits;
import org.jamesclientid.core.ClientId;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Mono;

/**
 * A policy engine on the memory store, with fixed instants and recorded alerts.
 */
class EngineFixture {
    static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    static final Instant LAST_WEEK = NOW.minus(Duration.ofDays(7));
    static final Username ALICE = Username.of("alice@example.com");
    static final Username BOB = Username.of("bob@example.com");
    static final String IP = "192.0.2.10";
    static final ClientId LAPTOP = ClientId.of("UUID", "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3");
    static final ClientId PHONE = ClientId.of("UUID", "9d0c2a11-7e6f-4b7b-8e3a-0f2d6c5b4a39");
    static final DeviceIdFactory IDS = DeviceIdFactory.withSecret(PolicyConfigurations.SECRET);

    static class RecordingAlertListener implements AlertListener {
        private final List<Alert> alerts = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Void> onAlert(Alert alert) {
            return Mono.fromRunnable(() -> alerts.add(alert));
        }

        ImmutableList<Alert> alerts() {
            return ImmutableList.copyOf(alerts);
        }

        ImmutableList<Alert.Kind> kinds() {
            return alerts.stream().map(Alert::getKind).collect(ImmutableList.toImmutableList());
        }
    }

    final MemoryDeviceHistory history = new MemoryDeviceHistory();
    final MemoryLimits limits = new MemoryLimits(Clock.systemUTC());
    final MemoryPasswordOnlySignIns passwordOnlySignIns = new MemoryPasswordOnlySignIns(Clock.systemUTC());
    final LastKnownPolicies lastKnownPolicies = new LastKnownPolicies();
    final RecordingAlertListener alerts = new RecordingAlertListener();
    final RecordingMetricFactory metrics = new RecordingMetricFactory();

    ClientIdPolicyEngine engine(String... configurationLines) {
        return engine(history, configurationLines);
    }

    ClientIdPolicyEngine engine(DeviceHistory deviceHistory, String... configurationLines) {
        return engine(deviceHistory, PolicyConfigurations.policy(configurationLines), Set.of(alerts), metrics);
    }

    /**
     * An engine on this fixture's stores (and {@code deviceHistory}), with its own listeners and metrics.
     */
    ClientIdPolicyEngine engine(DeviceHistory deviceHistory, ClientIdPolicyConfiguration configuration, Set<AlertListener> listeners,
                                MetricFactory metricFactory) {
        return new ClientIdPolicyEngine(deviceHistory, limits, limits, passwordOnlySignIns, lastKnownPolicies, configuration, IDS,
            listeners, metricFactory);
    }

    static DeviceId id(ClientId clientId) {
        return IDS.deviceId(clientId);
    }

    static AuthAttempt attempt(Username username, Optional<ClientId> clientId, boolean passwordValid, Instant at) {
        return AuthAttempt.builder()
            .username(username)
            .clientId(clientId)
            .passwordValid(passwordValid)
            .remoteIp(IP)
            .at(at)
            .build();
    }

    static AuthAttempt attempt(Username username, ClientId clientId, boolean passwordValid, Instant at) {
        return attempt(username, Optional.of(clientId), passwordValid, at);
    }

    static Device device(ClientId clientId, DeviceStatus status) {
        return Device.builder()
            .id(id(clientId))
            .type(clientId.getType())
            .hint(DeviceIdFactory.hint(clientId))
            .status(status)
            .firstSeen(LAST_WEEK)
            .build();
    }

    Optional<Device> stored(Username username, ClientId clientId) {
        return history.device(username, id(clientId)).blockOptional();
    }

    long failuresInWindow(ClientId clientId, Instant since) {
        return history.failuresSince(id(clientId), since).block();
    }

    boolean useRecorded(ClientId clientId, Username username) {
        return history.accounts(id(clientId)).any(use -> use.getUsername().equals(username)).block();
    }
}

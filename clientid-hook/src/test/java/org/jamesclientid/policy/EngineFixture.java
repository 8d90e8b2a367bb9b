package org.jamesclientid.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.core.Username;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jamesclientid.activity.MemoryPasswordOnlySignIns;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.MemoryAccountPolicyRepository;
import org.jamesclientid.device.MemoryBlockRepository;
import org.jamesclientid.device.MemoryDeviceActivityRepository;
import org.jamesclientid.device.MemoryDeviceRepository;
import org.jamesclientid.device.MemoryDeviceUseRepository;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.MemoryLimits;

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

    final DeviceHistory history = new DeviceHistory(new MemoryDeviceRepository(Clock.systemUTC(), PendingDeviceLimits.DEFAULT),
        new MemoryDeviceActivityRepository(Clock.systemUTC()), new MemoryBlockRepository(Clock.systemUTC()),
        new MemoryAccountPolicyRepository(), new MemoryDeviceUseRepository(Clock.systemUTC(), Duration.ofDays(1)));
    final MemoryLimits limits = new MemoryLimits(Clock.systemUTC());
    /** Names James does not know: every other one is an account. */
    final Set<Username> unknownAccounts = ConcurrentHashMap.newKeySet();
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
        return engine(deviceHistory, limits, configuration, listeners, metricFactory);
    }

    ClientIdPolicyEngine engine(DeviceHistory deviceHistory, FailureCounters failureCounters, ClientIdPolicyConfiguration configuration,
                                Set<AlertListener> listeners, MetricFactory metricFactory) {
        return new ClientIdPolicyEngine(deviceHistory, failureCounters, limits, passwordOnlySignIns, lastKnownPolicies,
            username -> Mono.just(!unknownAccounts.contains(username)), configuration, IDS, listeners, metricFactory);
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
        return device(clientId, StatusChange.of(status, Optional.empty(), Actor.ADMINISTRATOR, LAST_WEEK));
    }

    static Device device(ClientId clientId, StatusChange status) {
        return Device.builder()
            .id(id(clientId))
            .type(clientId.getType())
            .hint(DeviceIdFactory.hint(clientId))
            .status(status)
            .firstSeen(LAST_WEEK)
            .build();
    }

    static Device revoked(ClientId clientId, Optional<Instant> until) {
        return device(clientId, StatusChange.revoked(until, Actor.ADMINISTRATOR, LAST_WEEK));
    }

    /**
     * Stores the device on the account (it must not know it yet).
     */
    void given(Username username, Device device) {
        history.devices().add(username, device).block();
    }

    Optional<Device> stored(Username username, ClientId clientId) {
        return history.devices().device(username, id(clientId)).blockOptional();
    }

    Optional<DeviceActivity> activity(Username username, ClientId clientId) {
        return history.activity().activity(username, id(clientId)).blockOptional();
    }

    /**
     * The device's stored block: the administrator's, else the automatic one.
     */
    Optional<Block> block(ClientId clientId) {
        return history.blocks().blocks(id(clientId)).blockOptional()
            .flatMap(blocks -> blocks.getAdministrator().or(blocks::getAutomatic));
    }

    long failuresInWindow(ClientId clientId, Instant since) {
        return limits.countSince(LimitKey.device(id(clientId)), since).block();
    }

    boolean useRecorded(ClientId clientId, Username username) {
        return history.uses().accounts(id(clientId)).any(use -> use.getUsername().equals(username)).block();
    }
}

package org.jamesclientid.webadmin;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.WebAdminConfiguration;
import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.apache.james.webadmin.authentication.AuthenticationFilter;
import org.apache.james.webadmin.authentication.NoAuthenticationFilter;
import org.apache.james.webadmin.mdc.LoggingRequestFilter;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.jamesclientid.activity.MemoryPasswordOnlySignIns;
import org.jamesclientid.administration.BlockAdministration;
import org.jamesclientid.administration.DeviceAdministration;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.DeviceUseRepository;
import org.jamesclientid.device.MemoryDeviceHistories;
import org.jamesclientid.device.MemoryDeviceRepository;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.limit.MemoryLimits;
import org.jamesclientid.limit.ThrottleAdministration;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.LastKnownPolicies;
import org.jamesclientid.policy.PolicyConfigurations;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * A real WebAdminServer on a free port serving every CLIENTID route, over a memory device history, memory limits and
 * sign-ins without CLIENTID, a memory users repository (alice and bob of example.com) and a clock fixed at {@link #NOW}.
 */
final class ClientIdWebAdminFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final Username ALICE = Username.of("alice@example.com");
    static final Username BOB = Username.of("bob@example.com");
    static final Username UNKNOWN = Username.of("carol@example.com");
    static final ClientId LAPTOP = ClientId.of("UUID", "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3");
    static final ClientId PHONE = ClientId.of("UUID", "9d0c2a11-7e6f-4b7b-8e3a-0f2d6c5b4a39");

    static Builder builder() {
        return new Builder();
    }

    static ClientIdWebAdminFixture start() {
        return builder().start();
    }

    static class Builder {
        private AuthenticationFilter authenticationFilter = new NoAuthenticationFilter();
        private ClientIdPolicyConfiguration configuration = PolicyConfigurations.policy();
        private DeviceHistory deviceHistory = MemoryDeviceHistories.create(Clock.fixed(NOW, ZoneOffset.UTC));
        private Set<UsernameChangeTaskStep> jamesUsernameChangeSteps = ImmutableSet.of();
        private final ImmutableList.Builder<Routes> otherRoutes = ImmutableList.builder();

        Builder authenticationFilter(AuthenticationFilter authenticationFilter) {
            this.authenticationFilter = authenticationFilter;
            return this;
        }

        Builder configuration(ClientIdPolicyConfiguration configuration) {
            this.configuration = configuration;
            return this;
        }

        Builder deviceHistory(DeviceHistory deviceHistory) {
            this.deviceHistory = deviceHistory;
            return this;
        }

        Builder jamesUsernameChangeSteps(Set<UsernameChangeTaskStep> steps) {
            this.jamesUsernameChangeSteps = steps;
            return this;
        }

        Builder otherRoutes(Routes... routes) {
            this.otherRoutes.add(routes);
            return this;
        }

        ClientIdWebAdminFixture start() {
            try {
                return new ClientIdWebAdminFixture(this);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final DeviceHistory deviceHistory;
    final DeviceIdFactory deviceIdFactory = DeviceIdFactory.withSecret(PolicyConfigurations.SECRET);
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final MemoryLimits limits = new MemoryLimits(clock);
    final MemoryPasswordOnlySignIns passwordOnlySignIns = new MemoryPasswordOnlySignIns(clock);
    final MemoryUsersRepository usersRepository;
    final LastKnownPolicies lastKnownPolicies = new LastKnownPolicies();
    private final WebAdminServer server;

    private ClientIdWebAdminFixture(Builder builder) throws Exception {
        this.deviceHistory = builder.deviceHistory;
        MemoryDomainList domainList = new MemoryDomainList(null);
        domainList.configure(DomainListConfiguration.builder()
            .autoDetect(false)
            .autoDetectIp(false)
            .defaultDomain(Domain.of("example.com"))
            .addConfiguredDomain(Domain.of("example.com")));
        usersRepository = MemoryUsersRepository.withVirtualHosting(domainList);
        usersRepository.addUser(ALICE, "alice-secret");
        usersRepository.addUser(BOB, "bob-secret");

        JsonTransformer jsonTransformer = new JsonTransformer();
        DeviceAdministration deviceAdministration = new DeviceAdministration(deviceHistory, deviceIdFactory, clock);
        ThrottleAdministration throttleAdministration = new ThrottleAdministration(limits, limits, clock);
        List<Routes> routes = ImmutableList.<Routes>builder()
            .add(new ClientIdDeviceRoutes(deviceAdministration, usersRepository, jsonTransformer))
            .add(new ClientIdPolicyRoutes(deviceHistory, lastKnownPolicies, builder.configuration, usersRepository, jsonTransformer))
            .add(new ClientIdDeviceUsersRoutes(deviceAdministration, jsonTransformer))
            .add(new ClientIdBlockRoutes(new BlockAdministration(deviceHistory.blocks(), clock), deviceIdFactory, jsonTransformer))
            .add(new ClientIdUserLifecycleRoutes(deviceHistory, passwordOnlySignIns, usersRepository, builder.jamesUsernameChangeSteps))
            .add(new ClientIdAccountThrottleRoutes(throttleAdministration, usersRepository, jsonTransformer))
            .add(new ClientIdAddressThrottleRoutes(throttleAdministration, jsonTransformer))
            .add(new ClientIdThrottleRoutes(throttleAdministration, jsonTransformer))
            .add(new ClientIdPasswordOnlySignInRoutes(passwordOnlySignIns, usersRepository, jsonTransformer, clock))
            .addAll(builder.otherRoutes.build())
            .build();
        // WebAdminServer's constructor is protected: an anonymous subclass chooses the authentication filter, and
        // the request logger James gets from ClientIdJamesMultibindingsModule.
        server = new WebAdminServer(WebAdminConfiguration.TEST_CONFIGURATION, routes, builder.authenticationFilter,
            new RecordingMetricFactory(), new LoggingRequestFilter(ImmutableSet.of(new ClientIdRequestLogger()))) {
        }.start();
    }

    /**
     * Closes this server and starts another over {@code deviceHistory}, which RestAssured then talks to.
     */
    ClientIdWebAdminFixture restartOver(DeviceHistory deviceHistory) {
        close();
        ClientIdWebAdminFixture restarted = builder().deviceHistory(deviceHistory).start();
        RestAssured.requestSpecification = restarted.requestSpecification();
        return restarted;
    }

    /**
     * A memory device history whose devices come from {@code devices}.
     */
    static DeviceHistory historyWith(DeviceRepository devices) {
        DeviceHistory memory = MemoryDeviceHistories.create(Clock.fixed(NOW, ZoneOffset.UTC));
        return new DeviceHistory(devices, memory.activity(), memory.blocks(), memory.policies(), memory.uses());
    }

    static DeviceHistory historyWithBlocks(BlockRepository blocks) {
        DeviceHistory memory = MemoryDeviceHistories.create(Clock.fixed(NOW, ZoneOffset.UTC));
        return new DeviceHistory(memory.devices(), memory.activity(), blocks, memory.policies(), memory.uses());
    }

    static DeviceHistory historyWithUses(DeviceUseRepository uses) {
        DeviceHistory memory = MemoryDeviceHistories.create(Clock.fixed(NOW, ZoneOffset.UTC));
        return new DeviceHistory(memory.devices(), memory.activity(), memory.blocks(), memory.policies(), uses);
    }

    static DeviceRepository memoryDevices() {
        return new MemoryDeviceRepository(Clock.fixed(NOW, ZoneOffset.UTC), PendingDeviceLimits.DEFAULT);
    }

    RequestSpecification requestSpecification() {
        return WebAdminUtils.buildRequestSpecification(server).build();
    }

    DeviceId id(ClientId clientId) {
        return deviceIdFactory.deviceId(clientId);
    }

    /**
     * A device as the AUTH policy records it, seen at {@code firstSeen}.
     */
    Device device(ClientId clientId, DeviceStatus status, Instant firstSeen) {
        return device(clientId, StatusChange.of(status, Optional.empty(), Actor.SIGN_IN, firstSeen), firstSeen);
    }

    Device device(ClientId clientId, StatusChange status, Instant firstSeen) {
        return Device.builder()
            .id(id(clientId))
            .type(clientId.getType())
            .hint(DeviceIdFactory.hint(clientId))
            .status(status)
            .firstSeen(firstSeen)
            .build();
    }

    /**
     * Records a sign-in's activity for the device.
     */
    void activity(Username username, DeviceActivity activity) {
        deviceHistory.activity().record(username, activity, Optional.empty()).block();
    }

    Optional<DeviceActivity> storedActivity(Username username, DeviceId id) {
        return deviceHistory.activity().activity(username, id).blockOptional();
    }

    /**
     * Stores the device on the account, replacing what the account had of it (a test's setting up).
     */
    Device save(Username username, Device device) {
        deviceHistory.devices().delete(username, device.getId()).block();
        deviceHistory.devices().add(username, device).block();
        return device;
    }

    Optional<Device> stored(Username username, DeviceId id) {
        return deviceHistory.devices().device(username, id).blockOptional();
    }

    @Override
    public void close() {
        server.destroy();
    }
}

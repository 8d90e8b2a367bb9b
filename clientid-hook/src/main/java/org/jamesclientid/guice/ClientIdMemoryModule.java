package org.jamesclientid.guice;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.inject.Singleton;

import org.jamesclientid.activity.MemoryPasswordOnlySignIns;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.alert.MemoryNoticeLimits;
import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.device.AccountPolicyRepository;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.DeviceActivityRepository;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.DeviceUseRepository;
import org.jamesclientid.device.MemoryAccountPolicyRepository;
import org.jamesclientid.device.MemoryBlockRepository;
import org.jamesclientid.device.MemoryDeviceActivityRepository;
import org.jamesclientid.device.MemoryDeviceRepository;
import org.jamesclientid.device.MemoryDeviceUseRepository;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.MemoryLimits;
import org.jamesclientid.limit.Throttles;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.DeviceLimit;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;

/**
 * CLIENTID with device history kept in memory: the demo and James' memory server.
 * Enable with {@code guice.extension.module=org.jamesclientid.guice.ClientIdMemoryModule} in extensions.properties.
 */
public class ClientIdMemoryModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new ClientIdPolicyModule());

        bind(MemoryDeviceRepository.class).in(Scopes.SINGLETON);
        bind(DeviceRepository.class).to(MemoryDeviceRepository.class);
        bind(MemoryDeviceActivityRepository.class).in(Scopes.SINGLETON);
        bind(DeviceActivityRepository.class).to(MemoryDeviceActivityRepository.class);
        bind(MemoryBlockRepository.class).in(Scopes.SINGLETON);
        bind(BlockRepository.class).to(MemoryBlockRepository.class);
        bind(MemoryAccountPolicyRepository.class).in(Scopes.SINGLETON);
        bind(AccountPolicyRepository.class).to(MemoryAccountPolicyRepository.class);
        bind(DeviceUseRepository.class).to(MemoryDeviceUseRepository.class);
        bind(FailureCounters.class).to(MemoryLimits.class);
        bind(Throttles.class).to(MemoryLimits.class);
        bind(MemoryPasswordOnlySignIns.class).in(Scopes.SINGLETON);
        bind(PasswordOnlySignIns.class).to(MemoryPasswordOnlySignIns.class);
        bind(MemoryNoticeLimits.class).in(Scopes.SINGLETON);
        bind(NoticeLimits.class).to(MemoryNoticeLimits.class);
    }

    /**
     * Uses are kept as long as the shared-device window needs, and at least a day for
     * {@code GET /clientid/devices/{id}/users}.
     */
    @Provides
    @Singleton
    MemoryDeviceUseRepository uses(Clock clock, ClientIdPolicyConfiguration configuration) {
        Duration window = configuration.getSharedDeviceLimit().getWindow();
        return new MemoryDeviceUseRepository(clock, window.compareTo(Duration.ofDays(1)) > 0 ? window : Duration.ofDays(1));
    }

    /**
     * Failures are kept as long as the longest failure window needs, no longer: the heap they take is bounded by the
     * failure rate times that window.
     */
    @Provides
    @Singleton
    MemoryLimits limits(Clock clock, ClientIdPolicyConfiguration configuration) {
        Duration longestWindow = Stream.of(configuration.getFailureLimit(), configuration.getAllAccountsFailureLimit(),
                configuration.getAccountFailureLimit(), configuration.getAddressFailureLimit())
            .map(DeviceLimit::getWindow)
            .max(Comparator.naturalOrder())
            .orElseThrow();
        return new MemoryLimits(clock, longestWindow);
    }
}

package org.jamesclientid.guice;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.inject.Singleton;

import org.jamesclientid.activity.MemoryPasswordOnlySignIns;
import org.jamesclientid.alert.MemoryNoticeLimits;
import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.MemoryDeviceHistory;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.MemoryLimits;
import org.jamesclientid.limit.Throttles;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.DeviceLimit;
import org.jamesclientid.reply.MemoryReplyCodes;
import org.jamesclientid.reply.ReplyCodes;

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

        bind(MemoryDeviceHistory.class).in(Scopes.SINGLETON);
        bind(DeviceHistory.class).to(MemoryDeviceHistory.class);
        bind(FailureCounters.class).to(MemoryLimits.class);
        bind(Throttles.class).to(MemoryLimits.class);
        bind(MemoryPasswordOnlySignIns.class).in(Scopes.SINGLETON);
        bind(PasswordOnlySignIns.class).to(MemoryPasswordOnlySignIns.class);
        bind(MemoryNoticeLimits.class).in(Scopes.SINGLETON);
        bind(NoticeLimits.class).to(MemoryNoticeLimits.class);
        bind(MemoryReplyCodes.class).in(Scopes.SINGLETON);
        bind(ReplyCodes.class).to(MemoryReplyCodes.class);
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

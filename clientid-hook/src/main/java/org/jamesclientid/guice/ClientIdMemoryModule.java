package org.jamesclientid.guice;

import org.jamesclientid.activity.MemoryPasswordOnlySignIns;
import org.jamesclientid.alert.MemoryNoticeLimits;
import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.MemoryDeviceHistory;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.MemoryLimits;
import org.jamesclientid.limit.Throttles;

import com.google.inject.AbstractModule;
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
        bind(MemoryLimits.class).in(Scopes.SINGLETON);
        bind(FailureCounters.class).to(MemoryLimits.class);
        bind(Throttles.class).to(MemoryLimits.class);
        bind(MemoryPasswordOnlySignIns.class).in(Scopes.SINGLETON);
        bind(PasswordOnlySignIns.class).to(MemoryPasswordOnlySignIns.class);
        bind(MemoryNoticeLimits.class).in(Scopes.SINGLETON);
        bind(NoticeLimits.class).to(MemoryNoticeLimits.class);
    }
}

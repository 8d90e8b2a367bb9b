package org.jamesclientid.guice;

import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.MemoryDeviceHistory;

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
    }
}

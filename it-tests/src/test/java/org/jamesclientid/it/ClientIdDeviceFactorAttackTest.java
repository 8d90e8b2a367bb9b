package org.jamesclientid.it;

import java.time.Instant;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DeviceFactorAttackContract} on the memory store.
 */
class ClientIdDeviceFactorAttackTest implements DeviceFactorAttackContract {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clock(CLOCK)
        .clientIdProperties(LIMITS)
        .build();

    private GuiceJamesServer server;

    @Override
    public void keep(GuiceJamesServer server) {
        this.server = server;
    }

    @Override
    public MutableClock clock() {
        return CLOCK;
    }

    @Override
    public GuiceJamesServer server() {
        return server;
    }
}

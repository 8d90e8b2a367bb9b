package org.jamesclientid.jdbc;

import java.time.Duration;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

/**
 * Opens the store when James starts (its tables created, its sweep scheduled: a database that cannot be reached stops
 * James at start, not at the first sign-in; its statements prepared, {@link JdbcStoreWarmUp}) and closes it when James
 * stops: James calls {@link PreDestroy} methods of
 * the objects its injector built, this one included.
 */
public class JdbcStoreLifecycle {
    // Derby's first statements on a cold JVM take seconds on a loaded machine; a dead database fails fast on its own.
    private static final Duration WARM_UP_AT_MOST = Duration.ofSeconds(60);

    private final JdbcConnections connections;
    private final JdbcExpirySweep sweep;

    @Inject
    public JdbcStoreLifecycle(JdbcConnections connections, JdbcExpirySweep sweep, JdbcStoreWarmUp warmUp) {
        this.connections = connections;
        this.sweep = sweep;
        warmUp.warmUp(WARM_UP_AT_MOST);
    }

    @PreDestroy
    public void stop() {
        sweep.close();
        connections.close();
    }
}

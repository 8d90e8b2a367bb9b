package org.jamesclientid.jdbc;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

/**
 * Opens the store when James starts (its tables created, its sweep scheduled: a database that cannot be reached stops
 * James at start, not at the first sign-in) and closes it when James stops: James calls {@link PreDestroy} methods of
 * the objects its injector built, this one included.
 */
public class JdbcStoreLifecycle {
    private final JdbcConnections connections;
    private final JdbcExpirySweep sweep;

    @Inject
    public JdbcStoreLifecycle(JdbcConnections connections, JdbcExpirySweep sweep) {
        this.connections = connections;
        this.sweep = sweep;
    }

    @PreDestroy
    public void stop() {
        sweep.close();
        connections.close();
    }
}

package org.jamesclientid.testing.cassandra;

import java.net.InetSocketAddress;
import java.time.Duration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;

/**
 * DataStax driver 4 sessions tuned for tests against a single local node.
 */
public final class TestCqlSessions {
    /**
     * The data center of a single node with SimpleSnitch, and of the official Docker image.
     */
    public static final String LOCAL_DATACENTER = "datacenter1";
    /**
     * Generous: a schema change on a busy CI machine can take seconds. Tests that expect a failure set a shorter
     * timeout on their statement.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public static CqlSessionBuilder builder(InetSocketAddress contactPoint) {
        return CqlSession.builder()
            .addContactPoint(contactPoint)
            .withLocalDatacenter(LOCAL_DATACENTER)
            .withConfigLoader(configLoader());
    }

    /**
     * For keyspace creation and drops and for probes: without schema metadata, a session closed right after a schema
     * change has no refresh in flight to complain about ("Driver channel is closing").
     */
    public static CqlSessionBuilder adminBuilder(InetSocketAddress contactPoint) {
        return CqlSession.builder()
            .addContactPoint(contactPoint)
            .withLocalDatacenter(LOCAL_DATACENTER)
            .withConfigLoader(configLoaderBuilder()
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                .build());
    }

    /**
     * A new loader for each session: the driver does not share one between sessions.
     */
    public static DriverConfigLoader configLoader() {
        return configLoaderBuilder().build();
    }

    private static ProgrammaticDriverConfigLoaderBuilder configLoaderBuilder() {
        return DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, LOCAL_DATACENTER)
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
            // No debouncing of schema refreshes: tests create a table and use it right away.
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ZERO)
            // Otherwise closing each session waits 2 s for Netty's event loops to be quiet.
            .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
            .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
    }

    private TestCqlSessions() {
    }
}

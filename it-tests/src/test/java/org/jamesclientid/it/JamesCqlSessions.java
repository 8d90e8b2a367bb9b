package org.jamesclientid.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.jamesclientid.testing.cassandra.TestCqlSessions;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

/**
 * CqlSessions for James servers under test, one per server as on separate machines, bound to the test class'
 * keyspace. The request timeout is shorter than the engine's store timeout (2 s), as it should be in production:
 * a frozen Cassandra fails the driver's requests before the AUTH decision times out.
 */
final class JamesCqlSessions implements Supplier<CqlSession>, AutoCloseable {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final CassandraExtension cassandra;
    private final List<CqlSession> opened = new CopyOnWriteArrayList<>();

    JamesCqlSessions(CassandraExtension cassandra) {
        this.cassandra = cassandra;
    }

    @Override
    public CqlSession get() {
        CqlSession session = CqlSession.builder()
            .addContactPoint(cassandra.getCassandra().contactPoint())
            .withLocalDatacenter(TestCqlSessions.LOCAL_DATACENTER)
            .withKeyspace(cassandra.getKeyspace())
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, TestCqlSessions.LOCAL_DATACENTER)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ZERO)
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .build())
            .build();
        opened.add(session);
        return session;
    }

    @Override
    public void close() {
        opened.forEach(CqlSession::close);
        opened.clear();
    }
}

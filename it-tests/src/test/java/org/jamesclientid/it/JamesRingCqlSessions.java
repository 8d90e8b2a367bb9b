package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.jamesclientid.testing.cassandra.CassandraRingExtension;
import org.jamesclientid.testing.cassandra.ForkedCassandra;
import org.jamesclientid.testing.cassandra.TestCqlSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverOption;
import com.datastax.oss.driver.api.core.metadata.NodeState;

/**
 * CqlSessions for James servers on a {@link CassandraRingExtension ring}, one per server as on separate machines,
 * configured as James 3.8.1 configures its own: the driver configuration a James distributed server ships
 * ({@value #JAMES_DRIVER_CONFIGURATION}, QUORUM reads and writes, SERIAL for its LWT profile), loaded the way James
 * loads it (Typesafe config over the driver's reference), with every node as a contact point. Only test settings
 * come after it: a request timeout below the engine's store timeout, as docs/cassandra.md asks of a deployment, and
 * no waits on close.
 */
final class JamesRingCqlSessions implements Supplier<CqlSession>, AutoCloseable {
    static final String JAMES_DRIVER_CONFIGURATION = "/james-3.8.1-cassandra-driver.conf";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Logger LOGGER = LoggerFactory.getLogger(JamesRingCqlSessions.class);

    /**
     * As a James distributed server configures its driver.
     */
    static JamesRingCqlSessions asJamesConfiguresThem(CassandraRingExtension ring) {
        return new JamesRingCqlSessions(ring, Optional.empty());
    }

    /**
     * James' configuration with every regular statement at another level: to show what a weaker level breaks.
     */
    static JamesRingCqlSessions withRegularConsistency(CassandraRingExtension ring, DefaultConsistencyLevel level) {
        return new JamesRingCqlSessions(ring, Optional.of(level));
    }

    private final CassandraRingExtension ring;
    private final Optional<DefaultConsistencyLevel> regularConsistency;
    private final List<CqlSession> opened = new CopyOnWriteArrayList<>();

    private JamesRingCqlSessions(CassandraRingExtension ring, Optional<DefaultConsistencyLevel> regularConsistency) {
        this.ring = ring;
        this.regularConsistency = regularConsistency;
    }

    @Override
    public CqlSession get() {
        CqlSession session = CqlSession.builder()
            .addContactPoints(ring.contactPoints())
            .withLocalDatacenter(TestCqlSessions.LOCAL_DATACENTER)
            .withKeyspace(ring.getKeyspace())
            .withConfigLoader(DriverConfigLoader.fromString(configuration()))
            .build();
        opened.add(session);
        return session;
    }

    /**
     * Waits until every session opened so far is connected to every running node of the ring. A node that comes back
     * is seen by the ring at once ({@link org.jamesclientid.testing.cassandra.ForkedCassandraRing#startAgain(int)}),
     * but a driver that saw it go retries it with growing delays (up to a minute): until it reconnects, that James
     * node has no coordinator left once the others stop, and answers 454 whatever its consistency level.
     */
    void awaitConnectedToRunningNodes(Duration timeout) {
        List<InetSocketAddress> running = ring.getRing().nodes().stream()
            .filter(ForkedCassandra::isRunning)
            .map(ForkedCassandra::contactPoint)
            .collect(Collectors.toList());
        long startNanos = System.nanoTime();
        Awaitility.await().atMost(timeout).pollInterval(POLL_INTERVAL)
            .untilAsserted(() -> opened.forEach(session -> assertThat(connectedNodes(session))
                .as("the running Cassandra nodes a James node's CqlSession is connected to").containsAll(running)));
        LOGGER.info("{} James CqlSessions connected to the {} running Cassandra nodes after {} ms", opened.size(), running.size(),
            Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    }

    private static List<InetSocketAddress> connectedNodes(CqlSession session) {
        return session.getMetadata().getNodes().values().stream()
            .filter(node -> node.getState() == NodeState.UP && node.getOpenConnections() > 0)
            .map(node -> (InetSocketAddress) node.getEndPoint().resolve())
            .collect(Collectors.toList());
    }

    String configuration() {
        StringBuilder configuration = new StringBuilder(jamesDriverConfiguration())
            .append("\n# Test settings, after James' own: later values win.\n")
            .append(setting(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT.toMillis() + " milliseconds"))
            .append(setting(DefaultDriverOption.METADATA_SCHEMA_WINDOW, "0 seconds"))
            .append(setting(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, "0"))
            .append(setting(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, "0"));
        regularConsistency.ifPresent(level -> configuration.append(setting(DefaultDriverOption.REQUEST_CONSISTENCY, level.name())));
        return configuration.toString();
    }

    private static String setting(DriverOption option, String value) {
        return "datastax-java-driver." + option.getPath() + " = " + value + "\n";
    }

    static String jamesDriverConfiguration() {
        try (InputStream in = JamesRingCqlSessions.class.getResourceAsStream(JAMES_DRIVER_CONFIGURATION)) {
            if (in == null) {
                throw new IllegalStateException("No " + JAMES_DRIVER_CONFIGURATION + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        opened.forEach(CqlSession::close);
        opened.clear();
    }
}

package org.jamesclientid.testing.cassandra;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;

/**
 * Test Cassandra nodes forming one ring ({@link CassandraDaemonLauncher#launchRing(int)}), each a {@link ForkedCassandra}
 * that a test can stop ({@link #shutDown(int)}) and start again ({@link #startAgain(int)}) with its data, like an
 * operator restarting a node. Node numbers start at 1, as in their addresses (127.0.0.1, 127.0.0.2...).
 */
public final class ForkedCassandraRing implements AutoCloseable {
    /**
     * Replicated on every node: {@link #awaitAllUp(Duration)} writes to it through each node.
     */
    static final String PROBE_KEYSPACE = "clientid_ring_probe";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOGGER = LoggerFactory.getLogger(ForkedCassandraRing.class);

    private final List<ForkedCassandra> nodes;

    ForkedCassandraRing(List<ForkedCassandra> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    public List<ForkedCassandra> nodes() {
        return nodes;
    }

    public ForkedCassandra node(int index) {
        return nodes.get(index - 1);
    }

    public int size() {
        return nodes.size();
    }

    /**
     * Every node, running or not: what a production client is configured with.
     */
    public List<InetSocketAddress> contactPoints() {
        return nodes.stream().map(ForkedCassandra::contactPoint).collect(Collectors.toList());
    }

    public int cqlPort() {
        return nodes.get(0).cqlPort();
    }

    /**
     * Stops node {@code index} cleanly and keeps its data; the others learn it at once (it announces its shutdown).
     */
    public void shutDown(int index) {
        node(index).shutDown();
    }

    /**
     * Starts node {@code index} again on its data, and waits until every running node sees every other one up.
     */
    public void startAgain(int index) {
        node(index).startAgain();
        awaitAllUp(Duration.ofSeconds(60));
    }

    /**
     * Starts again every node a test left stopped.
     */
    public void startStoppedNodes() {
        boolean started = false;
        for (ForkedCassandra node : nodes) {
            if (!node.isRunning()) {
                node.startAgain();
                started = true;
            }
        }
        if (started) {
            awaitAllUp(Duration.ofSeconds(60));
        }
    }

    /**
     * Waits until a write through each running node as coordinator is acknowledged by every running node: then each
     * one sees the others up (gossip) and reaches them. Answering CQL is not enough: a node that just started may
     * not know its peers yet, and would answer "unavailable" to a QUORUM request.
     */
    void awaitAllUp(Duration timeout) {
        List<ForkedCassandra> running = nodes.stream().filter(ForkedCassandra::isRunning).collect(Collectors.toList());
        long startNanos = System.nanoTime();
        long deadline = startNanos + timeout.toNanos();
        try (CqlSession session = adminSession(running)) {
            // Schema changes travel by gossip: each node must know the others before the probe table can be on all.
            for (ForkedCassandra node : running) {
                awaitOn(session, node, deadline, "to know its peers", () -> knowsPeers(session, node, running));
            }
            // Both on one node: the table needs the keyspace where it is created, whatever the others know yet.
            ForkedCassandra first = running.get(0);
            awaitOn(session, first, deadline, "to create the probe keyspace", () -> executeOn(session, first, SimpleStatement.newInstance(
                "CREATE KEYSPACE IF NOT EXISTS " + PROBE_KEYSPACE
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + nodes.size() + "}")).isPresent());
            awaitOn(session, first, deadline, "to create the probe table", () -> executeOn(session, first, SimpleStatement.newInstance(
                "CREATE TABLE IF NOT EXISTS " + PROBE_KEYSPACE + ".probe (coordinator text PRIMARY KEY, at timestamp)")).isPresent());
            for (ForkedCassandra node : running) {
                awaitOn(session, node, deadline, "to have the probe table", () -> hasProbeTable(session, node));
                awaitOn(session, node, deadline, "to reach every running node", () -> probe(session, node, running.size()));
            }
        }
        LOGGER.info("Cassandra ring: {} of {} nodes running, all up for each other after {} ms", running.size(), nodes.size(),
            Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    }

    private static void awaitOn(CqlSession session, ForkedCassandra node, long deadline, String what, BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(node + " did not come " + what + " in time\n" + node.directory().tailOfLogs(20));
            }
            sleep();
        }
    }

    private static CqlSession adminSession(List<ForkedCassandra> running) {
        var builder = TestCqlSessions.adminBuilder(running.get(0).contactPoint());
        running.stream().skip(1).forEach(node -> builder.addContactPoint(node.contactPoint()));
        return builder.build();
    }

    private static boolean knowsPeers(CqlSession session, ForkedCassandra node, List<ForkedCassandra> running) {
        return executeOn(session, node, SimpleStatement.newInstance("SELECT peer FROM system.peers_v2"))
            .map(rows -> rows.all().stream().map(row -> row.getInetAddress("peer").getHostAddress()).collect(Collectors.toSet()))
            .filter(peers -> running.stream().filter(other -> other != node).allMatch(other -> peers.contains(other.host())))
            .isPresent();
    }

    private static boolean hasProbeTable(CqlSession session, ForkedCassandra node) {
        return executeOn(session, node, SimpleStatement.newInstance(
                "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = 'probe'", PROBE_KEYSPACE))
            .filter(rows -> rows.one() != null)
            .isPresent();
    }

    private static boolean probe(CqlSession session, ForkedCassandra coordinator, int running) {
        return executeOn(session, coordinator, SimpleStatement.newInstance(
                "INSERT INTO " + PROBE_KEYSPACE + ".probe (coordinator, at) VALUES (?, toTimestamp(now()))", coordinator.host())
            .setConsistencyLevel(consistencyOf(running)))
            .isPresent();
    }

    /**
     * With {@code node} as coordinator; empty when the driver does not reach it yet or the request fails.
     */
    private static Optional<ResultSet> executeOn(CqlSession session, ForkedCassandra node, SimpleStatement statement) {
        Optional<Node> driverNode = session.getMetadata().getNodes().values().stream()
            .filter(candidate -> candidate.getEndPoint().resolve().equals(node.contactPoint()))
            .findFirst();
        if (driverNode.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(session.execute(statement.setNode(driverNode.get()).setTimeout(PROBE_TIMEOUT)));
        } catch (DriverException e) {
            LOGGER.debug("{} cannot run {} yet", node, statement.getQuery(), e);
            return Optional.empty();
        }
    }

    /**
     * Acknowledged by as many replicas as there are running nodes.
     */
    private static DefaultConsistencyLevel consistencyOf(int running) {
        switch (running) {
            case 1:
                return DefaultConsistencyLevel.ONE;
            case 2:
                return DefaultConsistencyLevel.TWO;
            case 3:
                return DefaultConsistencyLevel.THREE;
            default:
                return DefaultConsistencyLevel.ALL;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Cassandra ring", e);
        }
    }

    /**
     * Kills every node and deletes its data.
     */
    @Override
    public void close() {
        nodes.forEach(ForkedCassandra::stop);
    }

    @Override
    public String toString() {
        return "ForkedCassandraRing" + nodes;
    }
}

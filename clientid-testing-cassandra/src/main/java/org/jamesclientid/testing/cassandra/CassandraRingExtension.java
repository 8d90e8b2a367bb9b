package org.jamesclientid.testing.cassandra;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;

/**
 * A ring of three forked Cassandra nodes ({@link ForkedCassandraRing}) of the test class' own, with a keyspace
 * replicated on all three (replication factor 3, as a production keyspace). Every node a test stopped is started
 * again after it; the ring is stopped and its data deleted after the class. No Docker variant: the ring needs its
 * nodes on 127.0.0.1-127.0.0.3, which the forked JVMs give without configuration.
 * <pre>
 * &#64;RegisterExtension
 * static CassandraRingExtension ring = new CassandraRingExtension();
 *
 * &#64;Test
 * void decisionsShouldHoldWhenOneNodeIsDown() {
 *     ring.getRing().shutDown(3);
 *     ...
 * }
 * </pre>
 */
public class CassandraRingExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    public static final int NODES = 3;
    public static final int REPLICATION_FACTOR = 3;

    private ForkedCassandraRing ring;
    private String keyspace;

    @Override
    public void beforeAll(ExtensionContext context) {
        ring = CassandraDaemonLauncher.fromSystemProperties()
            .withHeap(CassandraDaemonLauncher.RING_NODE_HEAP)
            .launchRing(NODES);
        keyspace = CassandraExtension.keyspaceFor(context.getRequiredTestClass());
        try (CqlSession admin = adminBuilder().build()) {
            admin.execute("CREATE KEYSPACE " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + REPLICATION_FACTOR + "}");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // A test that failed half-way through an outage must not leave the next ones with a node missing.
        ring.startStoppedNodes();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (ring != null) {
            ring.close();
            ring = null;
        }
    }

    public ForkedCassandraRing getRing() {
        if (ring == null) {
            throw new IllegalStateException("No ring before beforeAll: register CassandraRingExtension on a static field");
        }
        return ring;
    }

    public String getKeyspace() {
        return keyspace;
    }

    public List<InetSocketAddress> contactPoints() {
        return getRing().contactPoints();
    }

    /**
     * For keyspace and table administration and checks, at the driver's defaults.
     */
    public CqlSessionBuilder adminBuilder() {
        CqlSessionBuilder builder = TestCqlSessions.adminBuilder(contactPoints().get(0));
        contactPoints().stream().skip(1).forEach(builder::addContactPoint);
        return builder;
    }
}

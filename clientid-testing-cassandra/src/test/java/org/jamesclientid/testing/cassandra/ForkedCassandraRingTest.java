package org.jamesclientid.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;

/**
 * Three forked nodes on 127.0.0.1-127.0.0.3 forming one ring. What a ring does for CLIENTID through an outage
 * is tested with James servers on it: it-tests' ClientIdCassandraRingTest.
 */
class ForkedCassandraRingTest {
    private static ForkedCassandraRing ring;

    @BeforeAll
    static void launch() {
        long start = System.nanoTime();
        ring = CassandraDaemonLauncher.fromSystemProperties().withHeap(CassandraDaemonLauncher.RING_NODE_HEAP).launchRing(3);
        System.out.printf("Forked Cassandra ring of 3: all up for each other after %d ms%n", (System.nanoTime() - start) / 1_000_000);
        ring.nodes().forEach(node -> System.out.printf("  %s: CQL ready in %d ms, RSS %d MB right after start%n", node.node(),
            node.startupDuration().toMillis(), node.residentSetSizeBytes().orElse(-1) / (1024 * 1024)));
        try (CqlSession session = session()) {
            session.execute("CREATE KEYSPACE ring WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
            session.execute("CREATE TABLE ring.kept (id int PRIMARY KEY, value text)");
        }
    }

    @AfterAll
    static void stop() {
        if (ring != null) {
            ring.nodes().forEach(node -> System.out.printf("  %s: RSS %d MB at the end of the tests%n", node.node(),
                node.residentSetSizeBytes().orElse(-1) / (1024 * 1024)));
            ring.close();
        }
    }

    @AfterEach
    void startStoppedNodes() {
        ring.startStoppedNodes();
    }

    private static CqlSession session() {
        var builder = TestCqlSessions.builder(ring.node(1).contactPoint());
        ring.contactPoints().stream().skip(1).forEach(builder::addContactPoint);
        return builder.build();
    }

    @Test
    void nodesShouldListenEachOnItsOwnLoopbackAddressWithTheSamePorts() throws Exception {
        assertThat(ring.nodes().stream().map(ForkedCassandra::host).collect(Collectors.toList()))
            .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        assertThat(ring.nodes().stream().map(ForkedCassandra::ports).distinct()).hasSize(1);
        assertThat(ring.nodes().stream().map(node -> node.directory().root()).distinct()).hasSize(3);
        assertThat(Files.readString(ring.node(2).directory().yaml()))
            .contains("listen_address: 127.0.0.2\n")
            .contains("seeds: \"127.0.0.1:" + ring.node(2).ports().storagePort() + "\"");
    }

    @Test
    void eachNodeShouldKnowTheTwoOthersAsPeers() {
        try (CqlSession session = session()) {
            for (ForkedCassandra node : ring.nodes()) {
                // system tables are the coordinator's own: ask each node itself.
                Node coordinator = session.getMetadata().getNodes().values().stream()
                    .filter(candidate -> candidate.getEndPoint().resolve().equals(node.contactPoint()))
                    .findFirst().orElseThrow();
                List<String> peers = session.execute(SimpleStatement.newInstance("SELECT peer FROM system.peers_v2").setNode(coordinator))
                    .all().stream()
                    .map(row -> row.getInetAddress("peer").getHostAddress())
                    .collect(Collectors.toList());

                assertThat(peers).as("peers of %s", node.host()).hasSize(2).doesNotContain(node.host());
            }
        }
    }

    @Test
    void quorumShouldServeReadsAndWritesWhenOneNodeIsDownAndKeepThemWhenItComesBack() {
        ring.shutDown(3);
        try (CqlSession session = session()) {
            session.execute(SimpleStatement.newInstance("INSERT INTO ring.kept (id, value) VALUES (1, 'written while node 3 was down')")
                .setConsistencyLevel(DefaultConsistencyLevel.QUORUM));
        }

        ring.startAgain(3);
        ring.shutDown(1);

        try (CqlSession session = TestCqlSessions.builder(ring.node(2).contactPoint()).addContactPoint(ring.node(3).contactPoint()).build()) {
            assertThat(session.execute(SimpleStatement.newInstance("SELECT value FROM ring.kept WHERE id = 1")
                    .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)).one().getString("value"))
                .isEqualTo("written while node 3 was down");
        }
    }
}

package org.jamesclientid.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraExtensionTest {
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    static CassandraExtension cassandraExtension = new CassandraExtension();

    @BeforeAll
    static void createTable() {
        cassandraExtension.getSession().execute("CREATE TABLE devices (username text, device text, seen int, PRIMARY KEY (username, device))");
    }

    @Test
    @Order(1)
    void sessionShouldWriteAndReadRowsWhenTheTableExists() {
        CqlSession session = cassandraExtension.getSession();

        session.execute("INSERT INTO devices (username, device, seen) VALUES ('alice', 'laptop', 1)");
        session.execute("INSERT INTO devices (username, device, seen) VALUES ('alice', 'phone', 2)");

        assertThat(devicesOf(session, "alice")).containsExactly("laptop", "phone");
    }

    @Test
    @Order(2)
    void tablesShouldBeEmptyWhenAPreviousTestWroteRows() {
        assertThat(cassandraExtension.getSession().execute("SELECT * FROM devices").all()).isEmpty();
    }

    @Test
    @Order(3)
    void truncateAllShouldEmptyEveryTableWhenCalled() {
        CqlSession session = cassandraExtension.getSession();
        session.execute("CREATE TABLE IF NOT EXISTS other (id int PRIMARY KEY)");
        session.execute("INSERT INTO other (id) VALUES (1)");
        session.execute("INSERT INTO devices (username, device, seen) VALUES ('bob', 'tablet', 3)");

        cassandraExtension.truncateAll();

        assertThat(session.execute("SELECT * FROM other").all()).isEmpty();
        assertThat(session.execute("SELECT * FROM devices").all()).isEmpty();
    }

    @Test
    @Order(4)
    void queriesShouldTimeOutWhenCassandraIsPaused() {
        CqlSession session = cassandraExtension.getSession();
        session.execute("INSERT INTO devices (username, device, seen) VALUES ('carol', 'laptop', 1)");

        cassandraExtension.pause();
        try {
            assertThatThrownBy(() -> session.execute(selectDevicesOf("carol").setTimeout(SHORT_TIMEOUT)))
                .isInstanceOf(DriverTimeoutException.class);
        } finally {
            cassandraExtension.resume();
        }
    }

    @Test
    @Order(5)
    void queriesShouldSucceedWhenCassandraIsResumed() {
        CqlSession session = cassandraExtension.getSession();
        session.execute("INSERT INTO devices (username, device, seen) VALUES ('carol', 'laptop', 1)");
        cassandraExtension.pause();
        assertThatThrownBy(() -> session.execute(selectDevicesOf("carol").setTimeout(SHORT_TIMEOUT)))
            .isInstanceOf(DriverTimeoutException.class);

        cassandraExtension.resume();

        assertThat(session.execute(selectDevicesOf("carol").setTimeout(Duration.ofSeconds(5))).all()).hasSize(1);
    }

    @Test
    @Order(6)
    void afterEachShouldResumeCassandraWhenATestLeftItPaused() {
        cassandraExtension.pause();
        assertThat(cassandraExtension.getCassandra().isPaused()).isTrue();
        // Left paused on purpose: the next test checks that afterEach resumed it.
    }

    @Test
    @Order(7)
    void cassandraShouldAnswerWhenThePreviousTestLeftItPaused() {
        assertThat(cassandraExtension.getCassandra().isPaused()).isFalse();
        assertThat(cassandraExtension.getSession().execute(selectDevicesOf("anyone").setTimeout(Duration.ofSeconds(5))).all()).isEmpty();
    }

    @Test
    void jamesCassandraPropertiesShouldLeadToTheSameCassandraAndKeyspace() {
        cassandraExtension.getSession().execute("INSERT INTO devices (username, device, seen) VALUES ('dave', 'desktop', 7)");
        String[] hostAndPort = cassandraExtension.jamesCassandraProperties().get("cassandra.nodes").split(":");
        String keyspace = cassandraExtension.jamesCassandraProperties().get("cassandra.keyspace");

        try (CqlSession other = TestCqlSessions.builder(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])))
                .withKeyspace(keyspace)
                .build()) {
            assertThat(devicesOf(other, "dave")).containsExactly("desktop");
        }
        assertThat(cassandraExtension.jamesCassandraProperties())
            .containsEntry("cassandra.replication.factor", "1")
            .containsEntry("cassandra.local.dc", "datacenter1")
            .containsEntry("cassandra.keyspace.cache", keyspace + "_cache");
    }

    @Test
    void parametersShouldBeResolvedWhenTestsAskForThem(CqlSession session, TestCassandra cassandra) {
        assertThat(session).isSameAs(cassandraExtension.getSession());
        assertThat(cassandra).isSameAs(TestCassandra.shared());
    }

    @Test
    void keyspaceShouldBeDroppedWhenItsTestClassEnds() {
        String keyspace = CassandraExtension.keyspaceFor(SampleTest.class);

        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(SampleTest.class))
            .execute()
            .testEvents()
            .assertStatistics(stats -> stats.started(1).succeeded(1));

        assertThat(cassandraExtension.getSession().execute(SimpleStatement.newInstance(
            "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)).all()).isEmpty();
    }

    @Test
    void keyspaceForShouldFitCassandraLimitsWhenTheClassNameIsLong() {
        String keyspace = CassandraExtension.keyspaceFor(AVeryLongTestClassNameThatWouldNotFitInTheFortyEightCharactersOfACassandraKeyspace.class);

        assertThat(keyspace + CassandraExtension.CACHE_KEYSPACE_SUFFIX)
            .hasSizeLessThanOrEqualTo(CassandraExtension.MAX_KEYSPACE_LENGTH)
            .matches("[a-z][a-z0-9_]*");
        assertThat(keyspace).startsWith("taverylongtestclassname");
    }

    @Test
    void keyspaceForShouldDifferWhenTwoClassesShareASimpleName() {
        assertThat(CassandraExtension.keyspaceFor(SampleTest.class))
            .isNotEqualTo(CassandraExtension.keyspaceFor(Another.SampleTest.class));
    }

    @Nested
    class NestedTests {
        @Test
        void nestedTestsShouldShareTheEnclosingKeyspaceWhenNested(CqlSession session) {
            assertThat(session.getKeyspace()).map(Object::toString)
                .contains(CassandraExtension.keyspaceFor(CassandraExtensionTest.class));
            session.execute("INSERT INTO devices (username, device, seen) VALUES ('erin', 'watch', 1)");

            assertThat(devicesOf(session, "erin")).containsExactly("watch");
        }
    }

    private static SimpleStatement selectDevicesOf(String username) {
        return SimpleStatement.newInstance("SELECT device FROM devices WHERE username = ?", username);
    }

    private static List<String> devicesOf(CqlSession session, String username) {
        return session.execute(selectDevicesOf(username)).all().stream()
            .map((Row row) -> row.getString("device"))
            .collect(Collectors.toList());
    }

    /**
     * Run by {@link #keyspaceShouldBeDroppedWhenItsTestClassEnds()} only (Surefire skips nested classes).
     */
    static class SampleTest {
        @RegisterExtension
        static CassandraExtension cassandra = new CassandraExtension();

        @Test
        void sampleShouldHaveItsOwnKeyspace() {
            assertThat(cassandra.getSession().getKeyspace()).map(Object::toString).contains(cassandra.getKeyspace());
        }
    }

    static class AVeryLongTestClassNameThatWouldNotFitInTheFortyEightCharactersOfACassandraKeyspace {
    }

    static class Another {
        static class SampleTest {
        }
    }
}

package org.jamesclientid.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * On a Cassandra of its own (not the shared one): the last test restarts it, then stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraDaemonLauncherTest {
    private static ForkedCassandra cassandra;

    @BeforeAll
    static void launch() {
        cassandra = CassandraDaemonLauncher.fromSystemProperties().launch();
        System.out.printf("Forked Cassandra: CQL ready in %d ms, RSS %d MB right after start%n",
            cassandra.startupDuration().toMillis(), cassandra.residentSetSizeBytes().orElse(-1) / (1024 * 1024));
    }

    @AfterAll
    static void stop() {
        if (cassandra != null) {
            cassandra.stop();
        }
    }

    @Test
    @Order(1)
    void launchShouldAnswerCqlWhenStarted() {
        try (CqlSession session = TestCqlSessions.builder(cassandra.contactPoint()).build()) {
            String version = session.execute("SELECT release_version FROM system.local").one().getString("release_version");

            assertThat(version).isEqualTo("5.0.9");
        }
    }

    @Test
    @Order(2)
    void launchShouldUseTheLocalDatacenterWhenStarted() {
        try (CqlSession session = TestCqlSessions.builder(cassandra.contactPoint()).build()) {
            String datacenter = session.execute("SELECT data_center FROM system.local").one().getString("data_center");

            assertThat(datacenter).isEqualTo(TestCqlSessions.LOCAL_DATACENTER);
        }
    }

    @Test
    @Order(2)
    void launchShouldAnswerDateOfWhenStartedAsJames381CallsItOnConnection() {
        try (CqlSession session = TestCqlSessions.builder(cassandra.contactPoint()).build()) {
            Row row = session.execute("SELECT now() AS uuid, dateof(now()) AS date, totimestamp(now()) AS timestamp FROM system.local").one();

            assertThat(row.getInstant("date")).isBetween(row.getInstant("timestamp").minusSeconds(1), row.getInstant("timestamp"));
        }
    }

    @Test
    @Order(3)
    void launchShouldKeepItsFilesUnderTargetWhenStarted() throws Exception {
        Path target = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "target").toAbsolutePath();

        assertThat(cassandra.directory().root()).startsWith(target);
        assertThat(Files.readString(cassandra.directory().yaml()))
            .contains("data_file_directories:\n  - " + cassandra.directory().storage("data"))
            .contains("native_transport_port: " + cassandra.cqlPort());
        try (var files = Files.list(cassandra.directory().storage("data"))) {
            assertThat(files).isNotEmpty();
        }
    }

    @Test
    @Order(4)
    void launchShouldPickFreePortsWhenStarted() {
        assertThat(cassandra.cqlPort()).isNotIn(9042, 9142);
        assertThat(cassandra.ports().storagePort()).isNotIn(7000, 7001, cassandra.cqlPort());
    }

    @Test
    @Order(5)
    void cassandraShouldNotBeOnTheTestClasspathWhenForked() {
        assertThatThrownBy(() -> Class.forName(JamesCompatibleCassandraDaemon.CASSANDRA_DAEMON))
            .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    @Order(6)
    void pauseShouldStopTheProcessWhenCalled() {
        cassandra.pause();
        try {
            assertThat(ForkedCassandra.isStoppedByKernel(cassandra.pid())).contains(true);
            assertThat(cassandra.isPaused()).isTrue();
        } finally {
            cassandra.resume();
        }

        assertThat(ForkedCassandra.isStoppedByKernel(cassandra.pid())).contains(false);
        assertThat(cassandra.isPaused()).isFalse();
    }

    @Test
    @Order(7)
    void restartShouldKeepWrittenRowsWhenRestartedOnTheSameDirectory() {
        long pidBefore = cassandra.pid();
        int portBefore = cassandra.cqlPort();
        try (CqlSession session = TestCqlSessions.adminBuilder(cassandra.contactPoint()).build()) {
            session.execute("CREATE KEYSPACE restart WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE restart.kept (id int PRIMARY KEY, value text)");
            session.execute("INSERT INTO restart.kept (id, value) VALUES (1, 'before restart')");
        }

        cassandra.restart();
        System.out.printf("Forked Cassandra: CQL ready again %d ms after a restart%n", cassandra.startupDuration().toMillis());

        assertThat(cassandra.pid()).isNotEqualTo(pidBefore);
        assertThat(cassandra.cqlPort()).isEqualTo(portBefore);
        try (CqlSession session = TestCqlSessions.builder(cassandra.contactPoint()).build()) {
            assertThat(session.execute("SELECT value FROM restart.kept WHERE id = 1").one().getString("value"))
                .isEqualTo("before restart");
        }
    }

    @Test
    @Order(8)
    void stopShouldKillTheProcessAndDeleteTheDataWhenCalled() {
        ProcessHandle process = ProcessHandle.of(cassandra.pid()).orElseThrow();
        System.out.printf("Forked Cassandra: RSS %d MB at the end of the tests%n", cassandra.residentSetSizeBytes().orElse(-1) / (1024 * 1024));

        cassandra.stop();

        assertThat(process.isAlive()).isFalse();
        assertThat(cassandra.directory().storage("data")).doesNotExist();
        assertThat(cassandra.directory().consoleLog()).exists();
    }
}

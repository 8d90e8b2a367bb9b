package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.jamesclientid.testing.cassandra.TestCqlSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;

class ClientIdExecutionProfilesTest {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private static CqlSession session(String configuration) {
        return CqlSession.builder()
            .addContactPoint(cassandra.getCassandra().contactPoint())
            .withLocalDatacenter(TestCqlSessions.LOCAL_DATACENTER)
            .withConfigLoader(DriverConfigLoader.fromString(configuration
                + "\ndatastax-java-driver.advanced.netty.io-group.shutdown.quiet-period = 0"
                + "\ndatastax-java-driver.advanced.netty.admin-group.shutdown.quiet-period = 0\n"))
            .build();
    }

    @Test
    void lwtShouldBeTheLwtProfileOfJamesDriverConfigurationWhenItHasOne() {
        try (CqlSession session = session("datastax-java-driver {\n"
            + "  basic.request.consistency = QUORUM\n"
            + "  profiles.LWT { basic.request.consistency = LOCAL_QUORUM, basic.request.serial-consistency = LOCAL_SERIAL }\n"
            + "}")) {
            DriverExecutionProfile lwt = ClientIdExecutionProfiles.lwt(session);

            assertThat(lwt.getName()).isEqualTo("LWT");
            assertThat(lwt.getString(DefaultDriverOption.REQUEST_CONSISTENCY)).isEqualTo("LOCAL_QUORUM");
            assertThat(lwt.getString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY)).isEqualTo("LOCAL_SERIAL");
        }
    }

    @Test
    void lwtShouldBeSerialAsJamesDefaultWhenTheConfigurationHasNoLwtProfile() {
        try (CqlSession session = session("datastax-java-driver.basic.request.consistency = QUORUM")) {
            DriverExecutionProfile lwt = ClientIdExecutionProfiles.lwt(session);

            assertThat(lwt.getString(DefaultDriverOption.REQUEST_CONSISTENCY)).isEqualTo("SERIAL");
            assertThat(lwt.getString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY)).isEqualTo("SERIAL");
        }
    }

    private static final String JAMES_SHIPPED_LEVELS = "datastax-java-driver {\n"
        + "  basic.request.consistency = QUORUM\n"
        + "  basic.request.serial-consistency = SERIAL\n"
        + "  profiles.LWT { basic.request.consistency = SERIAL, basic.request.serial-consistency = SERIAL }\n"
        + "}";

    @Test
    void conditionalWritesShouldRunWithTheDefaultProfileAndTheirReadsWithTheLwtProfileAsJamesDoes() {
        try (CqlSession session = session(JAMES_SHIPPED_LEVELS)) {
            String table = cassandra.getKeyspace() + ".lwt_probe";
            session.execute("CREATE TABLE IF NOT EXISTS " + table + " (id int PRIMARY KEY, value text)");

            boolean first = session.execute("INSERT INTO " + table + " (id, value) VALUES (1, 'first') IF NOT EXISTS").wasApplied();
            boolean second = session.execute("INSERT INTO " + table + " (id, value) VALUES (1, 'second') IF NOT EXISTS").wasApplied();
            String read = session.execute(SimpleStatement.newInstance("SELECT value FROM " + table + " WHERE id = 1")
                .setExecutionProfile(ClientIdExecutionProfiles.lwt(session))).one().getString("value");

            assertThat(first).isTrue();
            assertThat(second).isFalse();
            assertThat(read).isEqualTo("first");
        }
    }

    @Test
    void conditionalWritesShouldBeRefusedWithTheLwtProfileAsItsConsistencyIsSerial() {
        try (CqlSession session = session(JAMES_SHIPPED_LEVELS)) {
            String table = cassandra.getKeyspace() + ".lwt_refused";
            session.execute("CREATE TABLE IF NOT EXISTS " + table + " (id int PRIMARY KEY, value text)");

            assertThatThrownBy(() -> session.execute(SimpleStatement.newInstance("INSERT INTO " + table + " (id, value) VALUES (1, 'x') IF NOT EXISTS")
                    .setExecutionProfile(ClientIdExecutionProfiles.lwt(session))))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("SERIAL is not supported as conditional update commit consistency");
        }
    }
}

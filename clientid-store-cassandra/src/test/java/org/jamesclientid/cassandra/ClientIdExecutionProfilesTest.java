package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.jamesclientid.testing.cassandra.TestCqlSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;

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
}

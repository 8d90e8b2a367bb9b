package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.cassandra.tables.CassandraDeviceTable;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.PolicyAndDevice;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;

class CassandraDeviceHistoryTablesTest {
    private static final Username ALICE = Username.of("alice@example.com");
    private static final DeviceId DEVICE = DeviceId.of("0123456789abcdef01234567");

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @Test
    void createMissingShouldAddThePolicyColumnsWhenAnEarlierSnapshotCreatedTheDeviceTable() {
        cassandra.getSession().execute("DROP TABLE IF EXISTS " + CassandraDeviceTable.TABLE_NAME);
        // The device table as 0.1.0 snapshots created it before the override moved into it.
        cassandra.getSession().execute("CREATE TABLE " + CassandraDeviceTable.TABLE_NAME + " (username text, device_id text, type text,"
            + " hint text, label text, status text, first_seen timestamp, last_seen timestamp, last_ip text, successes bigint,"
            + " failures bigint, revoked_until timestamp, PRIMARY KEY (username, device_id))");
        cassandra.getSession().execute("INSERT INTO " + CassandraDeviceTable.TABLE_NAME + " (username, device_id, type, hint, status,"
            + " first_seen, last_seen, successes, failures) VALUES ('alice@example.com', '" + DEVICE.asString() + "', 'UUID', '23bf...d1a3',"
            + " 'trusted', '2024-03-01T10:00:00Z', '2024-03-01T10:00:00Z', 0, 0)");
        cassandra.getSession().refreshSchema();

        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());

        ColumnMetadata mode = cassandra.getSession().refreshSchema().getKeyspace(cassandra.getKeyspace()).orElseThrow()
            .getTable(CassandraDeviceTable.TABLE_NAME).orElseThrow().getColumn(CassandraDeviceTable.MODE).orElseThrow();
        assertThat(mode.isStatic()).isTrue();
        CassandraDeviceHistory history = CassandraDeviceHistoryFixture.create(cassandra.getSession(), CassandraDeviceHistoryConfiguration.DEFAULT);
        history.setPolicy(ALICE, AccountPolicy.of(ClientIdMode.ENFORCE, false)).block();
        assertThat(history.policyAndDevice(ALICE, Optional.of(DEVICE)).block())
            .isEqualTo(PolicyAndDevice.of(Optional.of(AccountPolicy.of(ClientIdMode.ENFORCE, false)), Optional.of(Device.builder()
                .id(DEVICE).type("UUID").hint("23bf...d1a3").status(DeviceStatus.TRUSTED).firstSeen(Instant.parse("2024-03-01T10:00:00Z"))
                .build())));
    }
}

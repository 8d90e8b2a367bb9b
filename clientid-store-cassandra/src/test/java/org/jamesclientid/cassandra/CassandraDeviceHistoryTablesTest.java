package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jamesclientid.cassandra.tables.CassandraDeviceTable;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraDeviceHistoryTablesTest {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @AfterEach
    void restoreTheTables() {
        cassandra.getSession().execute("DROP TABLE IF EXISTS " + CassandraDeviceTable.TABLE_NAME);
        cassandra.getSession().refreshSchema();
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
    }

    @Test
    void createMissingShouldNameTheTableToDropWhenAnEarlierSnapshotCreatedTheDeviceTable() {
        cassandra.getSession().execute("DROP TABLE IF EXISTS " + CassandraDeviceTable.TABLE_NAME);
        // The device table as earlier snapshots created it, activity and policy override in the same row.
        cassandra.getSession().execute("CREATE TABLE " + CassandraDeviceTable.TABLE_NAME + " (username text, device_id text, type text,"
            + " hint text, label text, status text, first_seen timestamp, last_seen timestamp, last_ip text, successes bigint,"
            + " failures bigint, revoked_until timestamp, mode text static, require_clientid boolean static, PRIMARY KEY (username, device_id))");
        cassandra.getSession().refreshSchema();

        assertThatThrownBy(() -> CassandraDeviceHistoryTables.createMissing(cassandra.getSession()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(CassandraDeviceTable.TABLE_NAME + " was created by an earlier snapshot")
            .hasMessageContaining("changed_by")
            .hasMessageContaining("docs/cassandra.md");
    }
}

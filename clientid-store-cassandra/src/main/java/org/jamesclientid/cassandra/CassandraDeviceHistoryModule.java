package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.SchemaBuilder.RowsPerPartition.rows;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.utils.CassandraConstants;
import org.jamesclientid.cassandra.tables.CassandraAccountDeviceUseTable;
import org.jamesclientid.cassandra.tables.CassandraAccountPolicyTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceActivityTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceUseTable;

import com.datastax.oss.driver.api.core.metadata.schema.ClusteringOrder;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.querybuilder.SchemaBuilder;

/**
 * The schema of the CLIENTID device history. James' schema setup does not see an extension's modules, so
 * {@link ClientIdCassandraModule} creates these tables itself at startup; docs/cassandra.md has the same CQL.
 */
public interface CassandraDeviceHistoryModule {
    CassandraModule MODULE = CassandraModule.builder()
        .table(CassandraDeviceTable.TABLE_NAME)
        .comment("CLIENTID: the devices of each account and their status (ids and hints, never tokens), pending ones with a TTL.")
        .options(options -> options
            .withCaching(true, rows(CassandraConstants.DEFAULT_CACHED_ROW_PER_PARTITION)))
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraDeviceTable.USERNAME, DataTypes.TEXT)
            .withClusteringColumn(CassandraDeviceTable.DEVICE_ID, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.TYPE, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.HINT, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.LABEL, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.STATUS, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.REVOKED_UNTIL, DataTypes.TIMESTAMP)
            .withColumn(CassandraDeviceTable.CHANGED_BY, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.CHANGED_AT, DataTypes.TIMESTAMP)
            .withColumn(CassandraDeviceTable.FIRST_SEEN, DataTypes.TIMESTAMP)
            .withStaticColumn(CassandraDeviceTable.FIRST_DEVICE, DataTypes.TEXT))

        .table(CassandraDeviceActivityTable.TABLE_NAME)
        .comment("CLIENTID: what sign-ins of each device on each account produced (with a TTL for a pending device).")
        .options(options -> options
            .withCaching(true, rows(CassandraConstants.DEFAULT_CACHED_ROW_PER_PARTITION)))
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraDeviceActivityTable.USERNAME, DataTypes.TEXT)
            .withClusteringColumn(CassandraDeviceActivityTable.DEVICE_ID, DataTypes.TEXT)
            .withColumn(CassandraDeviceActivityTable.LAST_SEEN, DataTypes.TIMESTAMP)
            .withColumn(CassandraDeviceActivityTable.LAST_IP, DataTypes.TEXT)
            .withColumn(CassandraDeviceActivityTable.SUCCESSES, DataTypes.BIGINT)
            .withColumn(CassandraDeviceActivityTable.FAILURES, DataTypes.BIGINT))

        .table(CassandraAccountPolicyTable.TABLE_NAME)
        .comment("CLIENTID: per-account policy overrides.")
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraAccountPolicyTable.USERNAME, DataTypes.TEXT)
            .withColumn(CassandraAccountPolicyTable.MODE, DataTypes.TEXT)
            .withColumn(CassandraAccountPolicyTable.REQUIRE_CLIENTID, DataTypes.BOOLEAN))

        .table(CassandraDeviceUseTable.TABLE_NAME)
        .comment("CLIENTID: the accounts each device tried, with the last time (TTL: the retention).")
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraDeviceUseTable.DEVICE_ID, DataTypes.TEXT)
            .withClusteringColumn(CassandraDeviceUseTable.USERNAME, DataTypes.TEXT)
            .withColumn(CassandraDeviceUseTable.LAST_SEEN, DataTypes.TIMESTAMP))

        .table(CassandraAccountDeviceUseTable.TABLE_NAME)
        .comment("CLIENTID: the devices each account was tried from, to find its uses at rename and deletion (TTL: the retention).")
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraAccountDeviceUseTable.USERNAME, DataTypes.TEXT)
            .withClusteringColumn(CassandraAccountDeviceUseTable.DEVICE_ID, DataTypes.TEXT))

        .table(CassandraDeviceBlockTable.TABLE_NAME)
        .comment("CLIENTID: blocked devices, the administrator block and the automatic one apart (automatic ones with a TTL).")
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraDeviceBlockTable.DEVICE_ID, DataTypes.TEXT)
            .withClusteringColumn(CassandraDeviceBlockTable.SET_BY, DataTypes.TEXT)
            .withColumn(CassandraDeviceBlockTable.CREATED_AT, DataTypes.TIMESTAMP)
            .withColumn(CassandraDeviceBlockTable.UNTIL, DataTypes.TIMESTAMP)
            .withColumn(CassandraDeviceBlockTable.REASON, DataTypes.TEXT))
        .build();
}

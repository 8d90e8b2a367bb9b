package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.SchemaBuilder.RowsPerPartition.rows;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.utils.CassandraConstants;
import org.jamesclientid.cassandra.tables.CassandraAccountDeviceUseTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceFailureTable;
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
        .comment("CLIENTID: the devices of each account (ids and hints, never tokens), and its policy override (static).")
        .options(options -> options
            .withCaching(true, rows(CassandraConstants.DEFAULT_CACHED_ROW_PER_PARTITION)))
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraDeviceTable.USERNAME, DataTypes.TEXT)
            .withClusteringColumn(CassandraDeviceTable.DEVICE_ID, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.TYPE, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.HINT, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.LABEL, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.STATUS, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.FIRST_SEEN, DataTypes.TIMESTAMP)
            .withColumn(CassandraDeviceTable.LAST_SEEN, DataTypes.TIMESTAMP)
            .withColumn(CassandraDeviceTable.LAST_IP, DataTypes.TEXT)
            .withColumn(CassandraDeviceTable.SUCCESSES, DataTypes.BIGINT)
            .withColumn(CassandraDeviceTable.FAILURES, DataTypes.BIGINT)
            .withColumn(CassandraDeviceTable.REVOKED_UNTIL, DataTypes.TIMESTAMP)
            .withStaticColumn(CassandraDeviceTable.MODE, DataTypes.TEXT)
            .withStaticColumn(CassandraDeviceTable.REQUIRE_CLIENTID, DataTypes.BOOLEAN))

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

        .table(CassandraDeviceFailureTable.TABLE_NAME)
        .comment("CLIENTID: authentication failures of each device, newest first (TTL: the retention).")
        .options(options -> options
            .withClusteringOrder(CassandraDeviceFailureTable.FAILED_AT, ClusteringOrder.DESC)
            .withCompaction(SchemaBuilder.timeWindowCompactionStrategy()))
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraDeviceFailureTable.DEVICE_ID, DataTypes.TEXT)
            .withClusteringColumn(CassandraDeviceFailureTable.FAILED_AT, DataTypes.TIMESTAMP)
            .withClusteringColumn(CassandraDeviceFailureTable.FAILURE_ID, DataTypes.TIMEUUID))

        .table(CassandraDeviceBlockTable.TABLE_NAME)
        .comment("CLIENTID: blocked devices, kept until unblocked.")
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraDeviceBlockTable.DEVICE_ID, DataTypes.TEXT)
            .withColumn(CassandraDeviceBlockTable.CREATED_AT, DataTypes.TIMESTAMP)
            .withColumn(CassandraDeviceBlockTable.UNTIL, DataTypes.TIMESTAMP)
            .withColumn(CassandraDeviceBlockTable.REASON, DataTypes.TEXT))
        .build();
}

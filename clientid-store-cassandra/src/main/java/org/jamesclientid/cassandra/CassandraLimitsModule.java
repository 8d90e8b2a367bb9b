package org.jamesclientid.cassandra;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.jamesclientid.cassandra.tables.CassandraFailureTable;
import org.jamesclientid.cassandra.tables.CassandraThrottleTable;

import com.datastax.oss.driver.api.core.metadata.schema.ClusteringOrder;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.querybuilder.SchemaBuilder;

/**
 * The schema of the failure limits: failures counted per device on an account, per account and per address, and the
 * throttles they set. Created at startup with the device history's tables ({@link CassandraDeviceHistoryTables});
 * docs/cassandra.md has the same CQL.
 */
public interface CassandraLimitsModule {
    CassandraModule MODULE = CassandraModule.builder()
        .table(CassandraFailureTable.TABLE_NAME)
        .comment("CLIENTID: failed sign-ins per limit key (device on account, account, address), newest first (TTL: the retention).")
        .options(options -> options
            .withClusteringOrder(CassandraFailureTable.FAILED_AT, ClusteringOrder.DESC)
            .withCompaction(SchemaBuilder.timeWindowCompactionStrategy()))
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraFailureTable.OWNER, DataTypes.TEXT)
            .withPartitionKey(CassandraFailureTable.LIMIT_KEY, DataTypes.TEXT)
            .withClusteringColumn(CassandraFailureTable.FAILED_AT, DataTypes.TIMESTAMP)
            .withClusteringColumn(CassandraFailureTable.FAILURE_ID, DataTypes.TIMEUUID))

        .table(CassandraThrottleTable.TABLE_NAME)
        .comment("CLIENTID: throttles set by the failure limits, per account (its own key and its devices) or per address (TTL: to the end plus the retention).")
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraThrottleTable.OWNER, DataTypes.TEXT)
            .withClusteringColumn(CassandraThrottleTable.LIMIT_KEY, DataTypes.TEXT)
            .withColumn(CassandraThrottleTable.SINCE, DataTypes.TIMESTAMP)
            .withColumn(CassandraThrottleTable.UNTIL, DataTypes.TIMESTAMP))
        .build();
}

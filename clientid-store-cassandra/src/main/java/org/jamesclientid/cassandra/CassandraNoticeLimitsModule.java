package org.jamesclientid.cassandra;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.jamesclientid.cassandra.tables.CassandraDailyNoticeTable;
import org.jamesclientid.cassandra.tables.CassandraRecentNoticeTable;

import com.datastax.oss.driver.api.core.type.DataTypes;

/**
 * The schema of the notice limits, shared by every node. Created at startup with the device history's tables
 * ({@link CassandraDeviceHistoryTables}); docs/cassandra.md has the same CQL.
 */
public interface CassandraNoticeLimitsModule {
    CassandraModule MODULE = CassandraModule.builder()
        .table(CassandraRecentNoticeTable.TABLE_NAME)
        .comment("CLIENTID: the last notice sent per account, device and kind (TTL: the notice interval).")
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraRecentNoticeTable.USERNAME, DataTypes.TEXT)
            .withPartitionKey(CassandraRecentNoticeTable.DEVICE_ID, DataTypes.TEXT)
            .withPartitionKey(CassandraRecentNoticeTable.KIND, DataTypes.TEXT)
            .withColumn(CassandraRecentNoticeTable.SENT_AT, DataTypes.TIMESTAMP))

        .table(CassandraDailyNoticeTable.TABLE_NAME)
        .comment("CLIENTID: notices sent per account and UTC day, and whether the digest was (TTL: 2 days).")
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraDailyNoticeTable.USERNAME, DataTypes.TEXT)
            .withPartitionKey(CassandraDailyNoticeTable.DAY, DataTypes.DATE)
            .withColumn(CassandraDailyNoticeTable.SENT, DataTypes.INT)
            .withColumn(CassandraDailyNoticeTable.DIGEST_SENT, DataTypes.BOOLEAN))
        .build();
}

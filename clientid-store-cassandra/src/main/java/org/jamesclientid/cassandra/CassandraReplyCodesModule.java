package org.jamesclientid.cassandra;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.jamesclientid.cassandra.tables.CassandraReplyCodeTable;

import com.datastax.oss.driver.api.core.type.DataTypes;

/**
 * The schema of the reply codes of notices. Created at startup with the device history's tables
 * ({@link CassandraDeviceHistoryTables}); docs/cassandra.md has the same CQL.
 */
public interface CassandraReplyCodesModule {
    CassandraModule MODULE = CassandraModule.builder()
        .table(CassandraReplyCodeTable.TABLE_NAME)
        .comment("CLIENTID: unused reply codes of notices by the hash of the code (TTL: until the code expires, clientid.reply.validity).")
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraReplyCodeTable.CODE_HASH, DataTypes.TEXT)
            .withColumn(CassandraReplyCodeTable.USERNAME, DataTypes.TEXT)
            .withColumn(CassandraReplyCodeTable.DEVICE_ID, DataTypes.TEXT)
            .withColumn(CassandraReplyCodeTable.ACTION, DataTypes.TEXT)
            .withColumn(CassandraReplyCodeTable.EXPIRES_AT, DataTypes.TIMESTAMP))
        .build();
}

package org.jamesclientid.cassandra;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.jamesclientid.cassandra.tables.CassandraPasswordOnlySignInTable;

import com.datastax.oss.driver.api.core.type.DataTypes;

/**
 * The schema of the sign-ins without CLIENTID. Created at startup with the device history's tables
 * ({@link CassandraDeviceHistoryTables}); docs/cassandra.md has the same CQL.
 */
public interface CassandraPasswordOnlySignInsModule {
    CassandraModule MODULE = CassandraModule.builder()
        .table(CassandraPasswordOnlySignInTable.TABLE_NAME)
        .comment("CLIENTID: successful sign-ins without CLIENTID per account, UTC day, protocol and mechanism (TTL: 31 days).")
        .statement(statement -> types -> statement
            .withPartitionKey(CassandraPasswordOnlySignInTable.USERNAME, DataTypes.TEXT)
            .withClusteringColumn(CassandraPasswordOnlySignInTable.DAY, DataTypes.DATE)
            .withClusteringColumn(CassandraPasswordOnlySignInTable.PROTOCOL, DataTypes.TEXT)
            .withClusteringColumn(CassandraPasswordOnlySignInTable.MECHANISM, DataTypes.TEXT)
            .withColumn(CassandraPasswordOnlySignInTable.SIGN_INS, DataTypes.BIGINT)
            .withColumn(CassandraPasswordOnlySignInTable.LAST_AT, DataTypes.TIMESTAMP)
            .withColumn(CassandraPasswordOnlySignInTable.LAST_IP, DataTypes.TEXT))
        .build();
}

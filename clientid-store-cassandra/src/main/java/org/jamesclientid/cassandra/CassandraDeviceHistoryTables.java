package org.jamesclientid.cassandra;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.components.CassandraTable;
import org.apache.james.backends.cassandra.init.CassandraTypesProvider;

import org.jamesclientid.cassandra.tables.CassandraDeviceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.querybuilder.SchemaBuilder;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates the tables of every CLIENTID module ({@link #MODULE}) that are missing from the session's keyspace. James'
 * own schema setup never sees an extension's module, so the extension does it before preparing any statement.
 */
public final class CassandraDeviceHistoryTables {
    /**
     * Every CLIENTID table: the device history, the failure limits, the sign-ins without CLIENTID, the notice limits.
     */
    public static final CassandraModule MODULE = CassandraModule.aggregateModules(CassandraDeviceHistoryModule.MODULE,
        CassandraLimitsModule.MODULE, CassandraPasswordOnlySignInsModule.MODULE, CassandraNoticeLimitsModule.MODULE);

    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraDeviceHistoryTables.class);

    /**
     * Blocking, at startup. Two nodes starting together may both create a table: the loser's "already exists" is fine.
     */
    public static void createMissing(CqlSession session) {
        String keyspace = session.getKeyspace()
            .orElseThrow(() -> new IllegalStateException("CLIENTID needs a CqlSession bound to James' keyspace"))
            .asInternal();
        KeyspaceMetadata metadata = session.getMetadata().getKeyspace(keyspace)
            .orElseThrow(() -> new IllegalStateException("CLIENTID: keyspace " + keyspace + " is not in the driver's metadata"));
        CassandraTypesProvider types = new CassandraTypesProvider(session);
        Flux.fromIterable(MODULE.moduleTables())
            .concatMap(table -> table.initialize(metadata, session, types)
                .onErrorResume(AlreadyExistsException.class, e -> Mono.just(CassandraTable.InitializationStatus.ALREADY_DONE)))
            .blockLast();
        addPolicyColumnsToAnEarlierDeviceTable(session, metadata);
    }

    /**
     * Keyspaces made by 0.1.0 snapshots before the policy override moved into the device partition have the device
     * table without its static columns: add them, so that the statements prepare. Overrides kept in the former
     * {@code clientid_account_policies} table are not carried over (docs/cassandra.md).
     */
    private static void addPolicyColumnsToAnEarlierDeviceTable(CqlSession session, KeyspaceMetadata metadataBeforeCreation) {
        metadataBeforeCreation.getTable(CassandraDeviceTable.TABLE_NAME)
            .filter(table -> table.getColumn(CassandraDeviceTable.MODE).isEmpty())
            .ifPresent(table -> {
                LOGGER.warn("CLIENTID: adding the policy override columns to {} (a table created by an earlier snapshot)",
                    CassandraDeviceTable.TABLE_NAME);
                session.execute(SchemaBuilder.alterTable(CassandraDeviceTable.TABLE_NAME)
                    .addStaticColumn(CassandraDeviceTable.MODE, DataTypes.TEXT).build());
                session.execute(SchemaBuilder.alterTable(CassandraDeviceTable.TABLE_NAME)
                    .addStaticColumn(CassandraDeviceTable.REQUIRE_CLIENTID, DataTypes.BOOLEAN).build());
            });
    }

    private CassandraDeviceHistoryTables() {
    }
}

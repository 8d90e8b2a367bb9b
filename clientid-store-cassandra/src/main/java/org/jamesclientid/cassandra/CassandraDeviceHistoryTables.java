package org.jamesclientid.cassandra;

import java.util.stream.Stream;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.components.CassandraTable;
import org.apache.james.backends.cassandra.init.CassandraTypesProvider;
import org.jamesclientid.cassandra.tables.CassandraDeviceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates the tables of every CLIENTID module ({@link #MODULE}) that are missing from the session's keyspace. James'
 * own schema setup never sees an extension's module, so the extension does it before preparing any statement.
 */
public final class CassandraDeviceHistoryTables {
    /**
     * Every CLIENTID table: the device history, the failure limits, the sign-ins without CLIENTID.
     */
    public static final CassandraModule MODULE = CassandraModule.aggregateModules(CassandraDeviceHistoryModule.MODULE,
        CassandraLimitsModule.MODULE, CassandraPasswordOnlySignInsModule.MODULE);

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
        refuseTablesOfAnEarlierSnapshot(session, keyspace);
    }

    /**
     * A table of the same name made by an earlier snapshot lacks columns: say which and what to do, rather than let
     * statements fail to prepare. Unreleased snapshots had no migration (docs/cassandra.md, "Upgrading from a
     * snapshot"); only the device table kept its name with a new shape.
     */
    private static void refuseTablesOfAnEarlierSnapshot(CqlSession session, String keyspace) {
        KeyspaceMetadata metadata = session.refreshSchema().getKeyspace(keyspace)
            .orElseThrow(() -> new IllegalStateException("CLIENTID: keyspace " + keyspace + " is not in the driver's metadata"));
        metadata.getTable(CassandraDeviceTable.TABLE_NAME).ifPresent(existing -> {
            ImmutableList<String> missing = Stream.of(CassandraDeviceTable.CHANGED_BY, CassandraDeviceTable.CHANGED_AT,
                    CassandraDeviceTable.FIRST_DEVICE)
                .filter(column -> existing.getColumn(column).isEmpty())
                .map(CqlIdentifier::asInternal)
                .collect(ImmutableList.toImmutableList());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("CLIENTID: table " + keyspace + "." + CassandraDeviceTable.TABLE_NAME
                    + " was created by an earlier snapshot (no column " + String.join(", ", missing) + "). Drop the CLIENTID "
                    + "tables listed in docs/cassandra.md (\"Upgrading from a snapshot\") and start James again: they are created anew.");
            }
        });
    }

    private CassandraDeviceHistoryTables() {
    }
}

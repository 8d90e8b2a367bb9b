package org.jamesclientid.cassandra;

import org.apache.james.backends.cassandra.components.CassandraTable;
import org.apache.james.backends.cassandra.init.CassandraTypesProvider;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates the tables of {@link CassandraDeviceHistoryModule} that are missing from the session's keyspace. James'
 * own schema setup never sees an extension's module, so the extension does it before preparing any statement.
 */
public final class CassandraDeviceHistoryTables {
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
        Flux.fromIterable(CassandraDeviceHistoryModule.MODULE.moduleTables())
            .concatMap(table -> table.initialize(metadata, session, types)
                .onErrorResume(AlreadyExistsException.class, e -> Mono.just(CassandraTable.InitializationStatus.ALREADY_DONE)))
            .blockLast();
    }

    private CassandraDeviceHistoryTables() {
    }
}

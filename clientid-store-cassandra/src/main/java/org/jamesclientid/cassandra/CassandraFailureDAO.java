package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraFailureTable.FAILED_AT;
import static org.jamesclientid.cassandra.tables.CassandraFailureTable.FAILURE_ID;
import static org.jamesclientid.cassandra.tables.CassandraFailureTable.LIMIT_KEY;
import static org.jamesclientid.cassandra.tables.CassandraFailureTable.OWNER;
import static org.jamesclientid.cassandra.tables.CassandraFailureTable.TABLE_NAME;

import java.time.Instant;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.jamesclientid.limit.LimitKey;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;

import reactor.core.publisher.Mono;

public class CassandraFailureDAO {
    private static final String TTL = "ttl";

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement countSince;
    private final PreparedStatement delete;

    @Inject
    public CassandraFailureDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(OWNER, bindMarker(OWNER))
            .value(LIMIT_KEY, bindMarker(LIMIT_KEY))
            .value(FAILED_AT, bindMarker(FAILED_AT))
            .value(FAILURE_ID, bindMarker(FAILURE_ID))
            .usingTtl(bindMarker(TTL))
            .build());
        this.countSince = session.prepare(selectFrom(TABLE_NAME).countAll()
            .whereColumn(OWNER).isEqualTo(bindMarker(OWNER))
            .whereColumn(LIMIT_KEY).isEqualTo(bindMarker(LIMIT_KEY))
            .whereColumn(FAILED_AT).isGreaterThanOrEqualTo(bindMarker(FAILED_AT))
            .build());
        this.delete = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(OWNER).isEqualTo(bindMarker(OWNER))
            .whereColumn(LIMIT_KEY).isEqualTo(bindMarker(LIMIT_KEY))
            .build());
    }

    /**
     * A new time-based UUID per failure: two failures at the same instant, from one node or two, are two rows.
     */
    public Mono<Void> record(LimitKey key, Instant at, int ttlSeconds) {
        return Mono.defer(() -> executor.executeVoid(insert.bind()
            .setString(OWNER, key.owner())
            .setString(LIMIT_KEY, key.asString())
            .setInstant(FAILED_AT, at)
            .setUuid(FAILURE_ID, Uuids.timeBased())
            .setInt(TTL, ttlSeconds)));
    }

    /**
     * A slice of one partition: the failures of the window only, newest first.
     */
    public Mono<Long> countSince(LimitKey key, Instant since) {
        return executor.executeSingleRow(countSince.bind()
                .setString(OWNER, key.owner())
                .setString(LIMIT_KEY, key.asString())
                .setInstant(FAILED_AT, since))
            .map(row -> row.getLong(0))
            .defaultIfEmpty(0L);
    }

    /**
     * One partition tombstone.
     */
    public Mono<Void> delete(LimitKey key) {
        return executor.executeVoid(delete.bind()
            .setString(OWNER, key.owner())
            .setString(LIMIT_KEY, key.asString()));
    }
}

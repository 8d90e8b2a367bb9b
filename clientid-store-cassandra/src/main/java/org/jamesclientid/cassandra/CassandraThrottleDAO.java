package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraThrottleTable.LIMIT_KEY;
import static org.jamesclientid.cassandra.tables.CassandraThrottleTable.OWNER;
import static org.jamesclientid.cassandra.tables.CassandraThrottleTable.SINCE;
import static org.jamesclientid.cassandra.tables.CassandraThrottleTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraThrottleTable.UNTIL;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public class CassandraThrottleDAO {
    private static final String TTL = "ttl";

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectOwner;
    private final PreparedStatement selectAll;
    private final PreparedStatement delete;

    @Inject
    public CassandraThrottleDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(OWNER, bindMarker(OWNER))
            .value(LIMIT_KEY, bindMarker(LIMIT_KEY))
            .value(SINCE, bindMarker(SINCE))
            .value(UNTIL, bindMarker(UNTIL))
            .usingTtl(bindMarker(TTL))
            .build());
        this.selectOne = session.prepare(selectFrom(TABLE_NAME).all()
            .whereColumn(OWNER).isEqualTo(bindMarker(OWNER))
            .whereColumn(LIMIT_KEY).isEqualTo(bindMarker(LIMIT_KEY))
            .build());
        this.selectOwner = session.prepare(selectFrom(TABLE_NAME).all()
            .whereColumn(OWNER).isEqualTo(bindMarker(OWNER))
            .build());
        this.selectAll = session.prepare(selectFrom(TABLE_NAME).all().build());
        this.delete = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(OWNER).isEqualTo(bindMarker(OWNER))
            .whereColumn(LIMIT_KEY).isEqualTo(bindMarker(LIMIT_KEY))
            .build());
    }

    /**
     * Every column of the row: a new throttle of the key replaces the old one whole.
     */
    public Mono<Void> save(Throttle throttle, int ttlSeconds) {
        return executor.executeVoid(insert.bind()
            .setString(OWNER, throttle.getKey().owner())
            .setString(LIMIT_KEY, throttle.getKey().asString())
            .setInstant(SINCE, throttle.getSince())
            .setInstant(UNTIL, throttle.getUntil())
            .setInt(TTL, ttlSeconds));
    }

    public Mono<Throttle> find(LimitKey key) {
        return executor.executeSingleRow(selectOne.bind()
                .setString(OWNER, key.owner())
                .setString(LIMIT_KEY, key.asString()))
            .map(CassandraThrottleDAO::toThrottle);
    }

    public Flux<Throttle> ofOwner(String owner) {
        return executor.executeRows(selectOwner.bind().setString(OWNER, owner))
            .map(CassandraThrottleDAO::toThrottle);
    }

    /**
     * A full table scan, paged by the driver as it is read: for administrators only.
     */
    public Flux<Throttle> list() {
        return executor.executeRows(selectAll.bind())
            .map(CassandraThrottleDAO::toThrottle);
    }

    public Mono<Void> delete(LimitKey key) {
        return executor.executeVoid(delete.bind()
            .setString(OWNER, key.owner())
            .setString(LIMIT_KEY, key.asString()));
    }

    private static Throttle toThrottle(Row row) {
        return Throttle.of(LimitKey.parse(row.getString(OWNER), row.getString(LIMIT_KEY)),
            row.getInstant(SINCE), row.getInstant(UNTIL));
    }
}

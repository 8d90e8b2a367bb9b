package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraDeviceFailureTable.DEVICE_ID;
import static org.jamesclientid.cassandra.tables.CassandraDeviceFailureTable.FAILED_AT;
import static org.jamesclientid.cassandra.tables.CassandraDeviceFailureTable.FAILURE_ID;
import static org.jamesclientid.cassandra.tables.CassandraDeviceFailureTable.TABLE_NAME;

import java.time.Instant;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.jamesclientid.device.DeviceId;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;

import reactor.core.publisher.Mono;

public class CassandraDeviceFailureDAO {
    private static final String TTL = "ttl";

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement countSince;

    @Inject
    public CassandraDeviceFailureDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(DEVICE_ID, bindMarker(DEVICE_ID))
            .value(FAILED_AT, bindMarker(FAILED_AT))
            .value(FAILURE_ID, bindMarker(FAILURE_ID))
            .usingTtl(bindMarker(TTL))
            .build());
        this.countSince = session.prepare(selectFrom(TABLE_NAME).countAll()
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .whereColumn(FAILED_AT).isGreaterThanOrEqualTo(bindMarker(FAILED_AT))
            .build());
    }

    /**
     * A new time-based UUID per failure: two failures at the same instant, from one node or two, are two rows.
     */
    public Mono<Void> record(DeviceId deviceId, Instant at, int ttlSeconds) {
        return Mono.defer(() -> executor.executeVoid(insert.bind()
            .setString(DEVICE_ID, deviceId.asString())
            .setInstant(FAILED_AT, at)
            .setUuid(FAILURE_ID, Uuids.timeBased())
            .setInt(TTL, ttlSeconds)));
    }

    public Mono<Long> countSince(DeviceId deviceId, Instant since) {
        return executor.executeSingleRow(countSince.bind()
                .setString(DEVICE_ID, deviceId.asString())
                .setInstant(FAILED_AT, since))
            .map(row -> row.getLong(0))
            .defaultIfEmpty(0L);
    }
}

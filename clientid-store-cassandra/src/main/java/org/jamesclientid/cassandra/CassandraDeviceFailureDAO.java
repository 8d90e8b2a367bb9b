package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraDeviceFailureTable.DEVICE_ID;
import static org.jamesclientid.cassandra.tables.CassandraDeviceFailureTable.FAILED_AT;
import static org.jamesclientid.cassandra.tables.CassandraDeviceFailureTable.FAILURE_ID;
import static org.jamesclientid.cassandra.tables.CassandraDeviceFailureTable.TABLE_NAME;

import java.time.Instant;
import java.util.UUID;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.jamesclientid.device.DeviceId;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public class CassandraDeviceFailureDAO {
    private static final String TTL = "ttl";
    private static final int CONCURRENCY = 4;

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement countSince;
    private final PreparedStatement selectAll;
    private final PreparedStatement deleteAll;

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
        this.selectAll = session.prepare(selectFrom(TABLE_NAME).columns(FAILED_AT, FAILURE_ID)
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .build());
        this.deleteAll = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .build());
    }

    /**
     * A new time-based UUID per failure: two failures at the same instant, from one node or two, are two rows.
     */
    public Mono<Void> record(DeviceId deviceId, Instant at, int ttlSeconds) {
        return Mono.defer(() -> write(deviceId, at, Uuids.timeBased(), ttlSeconds));
    }

    private Mono<Void> write(DeviceId deviceId, Instant at, UUID failureId, int ttlSeconds) {
        return executor.executeVoid(insert.bind()
            .setString(DEVICE_ID, deviceId.asString())
            .setInstant(FAILED_AT, at)
            .setUuid(FAILURE_ID, failureId)
            .setInt(TTL, ttlSeconds));
    }

    /**
     * Copies every failure of {@code from} to {@code to} with its own time and UUID: copying twice writes the same
     * rows, so that concurrent moves of a device never count a failure twice. Bounded by the TTL of the rows read.
     */
    public Mono<Void> copy(DeviceId from, DeviceId to, int ttlSeconds) {
        return executor.executeRows(selectAll.bind().setString(DEVICE_ID, from.asString()))
            .flatMap(row -> write(to, row.getInstant(FAILED_AT), row.getUuid(FAILURE_ID), ttlSeconds), CONCURRENCY)
            .then();
    }

    public Mono<Void> deleteAll(DeviceId deviceId) {
        return executor.executeVoid(deleteAll.bind().setString(DEVICE_ID, deviceId.asString()));
    }

    public Mono<Long> countSince(DeviceId deviceId, Instant since) {
        return executor.executeSingleRow(countSince.bind()
                .setString(DEVICE_ID, deviceId.asString())
                .setInstant(FAILED_AT, since))
            .map(row -> row.getLong(0))
            .defaultIfEmpty(0L);
    }
}

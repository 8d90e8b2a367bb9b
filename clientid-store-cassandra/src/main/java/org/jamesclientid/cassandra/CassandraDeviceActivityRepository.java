package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraDeviceActivityTable.DEVICE_ID;
import static org.jamesclientid.cassandra.tables.CassandraDeviceActivityTable.FAILURES;
import static org.jamesclientid.cassandra.tables.CassandraDeviceActivityTable.LAST_IP;
import static org.jamesclientid.cassandra.tables.CassandraDeviceActivityTable.LAST_SEEN;
import static org.jamesclientid.cassandra.tables.CassandraDeviceActivityTable.SUCCESSES;
import static org.jamesclientid.cassandra.tables.CassandraDeviceActivityTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraDeviceActivityTable.USERNAME;

import java.time.Duration;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceActivityRepository;
import org.jamesclientid.device.DeviceId;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeviceActivityRepository} on Cassandra ({@link org.jamesclientid.cassandra.tables.CassandraDeviceActivityTable}):
 * one blind upsert per sign-in, no read, no lightweight transaction.
 */
public class CassandraDeviceActivityRepository implements DeviceActivityRepository {
    private static final String TTL = "ttl";

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement insertIfAbsent;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectAll;
    private final PreparedStatement deleteOne;
    private final PreparedStatement deleteAll;

    @Inject
    public CassandraDeviceActivityRepository(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(USERNAME, bindMarker(USERNAME))
            .value(DEVICE_ID, bindMarker(DEVICE_ID))
            .value(LAST_SEEN, bindMarker(LAST_SEEN))
            .value(LAST_IP, bindMarker(LAST_IP))
            .value(SUCCESSES, bindMarker(SUCCESSES))
            .value(FAILURES, bindMarker(FAILURES))
            .usingTtl(bindMarker(TTL))
            .build());
        this.insertIfAbsent = session.prepare(insertInto(TABLE_NAME)
            .value(USERNAME, bindMarker(USERNAME))
            .value(DEVICE_ID, bindMarker(DEVICE_ID))
            .value(LAST_SEEN, bindMarker(LAST_SEEN))
            .value(LAST_IP, bindMarker(LAST_IP))
            .value(SUCCESSES, bindMarker(SUCCESSES))
            .value(FAILURES, bindMarker(FAILURES))
            .ifNotExists()
            .usingTtl(bindMarker(TTL))
            .build());
        this.selectOne = session.prepare(selectFrom(TABLE_NAME)
            .columns(DEVICE_ID, LAST_SEEN, LAST_IP, SUCCESSES, FAILURES)
            .ttl(LAST_SEEN).as(TTL)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .build());
        this.selectAll = session.prepare(selectFrom(TABLE_NAME)
            .columns(DEVICE_ID, LAST_SEEN, LAST_IP, SUCCESSES, FAILURES)
            .ttl(LAST_SEEN).as(TTL)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
        this.deleteOne = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .build());
        this.deleteAll = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
    }

    @Override
    public Mono<DeviceActivity> activity(Username username, DeviceId deviceId) {
        return executor.executeSingleRow(selectOne.bind()
                .setString(USERNAME, username.asString())
                .setString(DEVICE_ID, deviceId.asString()))
            .map(CassandraDeviceActivityRepository::toActivity);
    }

    @Override
    public Flux<DeviceActivity> activities(Username username) {
        return executor.executeRows(selectAll.bind().setString(USERNAME, username.asString()))
            .map(CassandraDeviceActivityRepository::toActivity);
    }

    @Override
    public Mono<Void> record(Username username, DeviceActivity activity, Optional<Duration> retention) {
        int ttl = retention.map(duration -> (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.getSeconds()))).orElse(0);
        return executor.executeVoid(bind(insert.bind(), username, activity, ttl));
    }

    @Override
    public Mono<Void> delete(Username username, DeviceId deviceId) {
        return executor.executeVoid(deleteOne.bind()
            .setString(USERNAME, username.asString())
            .setString(DEVICE_ID, deviceId.asString()));
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return executor.executeVoid(deleteAll.bind().setString(USERNAME, username.asString()));
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        return executor.executeRows(selectAll.bind().setString(USERNAME, from.asString()))
            .concatMap(row -> executor.executeVoid(bind(insert.bind(), to, toActivity(row), ttlOf(row))))
            .then(deleteAll(from));
    }

    @Override
    public Mono<Void> rekey(Username username, DeviceId from, DeviceId to) {
        return executor.executeSingleRow(selectOne.bind()
                .setString(USERNAME, username.asString())
                .setString(DEVICE_ID, from.asString()))
            .flatMap(row -> executor.executeVoid(bind(insertIfAbsent.bind(), username, toActivity(row).withDeviceId(to), ttlOf(row)))
                .then(delete(username, from)));
    }

    private static BoundStatement bind(BoundStatement statement, Username username, DeviceActivity activity, int ttl) {
        return statement
            .setString(USERNAME, username.asString())
            .setString(DEVICE_ID, activity.getDeviceId().asString())
            .setInstant(LAST_SEEN, activity.getLastSeen())
            .setString(LAST_IP, activity.getLastIp().orElse(null))
            .setLong(SUCCESSES, activity.getSuccesses())
            .setLong(FAILURES, activity.getFailures())
            .setInt(TTL, ttl);
    }

    private static int ttlOf(Row row) {
        return row.isNull(TTL) ? 0 : Math.max(1, row.getInt(TTL));
    }

    private static DeviceActivity toActivity(Row row) {
        return DeviceActivity.of(DeviceId.of(row.getString(DEVICE_ID)), row.getInstant(LAST_SEEN), Optional.ofNullable(row.getString(LAST_IP)),
            row.getLong(SUCCESSES), row.getLong(FAILURES));
    }
}

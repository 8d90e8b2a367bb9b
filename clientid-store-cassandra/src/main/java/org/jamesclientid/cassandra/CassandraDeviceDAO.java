package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.DEVICE_ID;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.FAILURES;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.FIRST_SEEN;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.HINT;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.LABEL;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.LAST_IP;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.LAST_SEEN;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.REVOKED_UNTIL;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.STATUS;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.SUCCESSES;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.TYPE;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.USERNAME;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Username;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.PolicyAndDevice;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public class CassandraDeviceDAO {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectAll;
    private final PreparedStatement selectAnyId;
    private final PreparedStatement deleteOne;
    private final PreparedStatement deleteAll;

    @Inject
    public CassandraDeviceDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        // Every column is written, absent optionals as null: an insert replaces the whole device (save is an upsert).
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(USERNAME, bindMarker(USERNAME))
            .value(DEVICE_ID, bindMarker(DEVICE_ID))
            .value(TYPE, bindMarker(TYPE))
            .value(HINT, bindMarker(HINT))
            .value(LABEL, bindMarker(LABEL))
            .value(STATUS, bindMarker(STATUS))
            .value(FIRST_SEEN, bindMarker(FIRST_SEEN))
            .value(LAST_SEEN, bindMarker(LAST_SEEN))
            .value(LAST_IP, bindMarker(LAST_IP))
            .value(SUCCESSES, bindMarker(SUCCESSES))
            .value(FAILURES, bindMarker(FAILURES))
            .value(REVOKED_UNTIL, bindMarker(REVOKED_UNTIL))
            .build());
        this.selectOne = session.prepare(selectFrom(TABLE_NAME).all()
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .build());
        this.selectAll = session.prepare(selectFrom(TABLE_NAME).all()
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
        this.selectAnyId = session.prepare(selectFrom(TABLE_NAME).column(DEVICE_ID)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .limit(1)
            .build());
        this.deleteOne = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .build());
        this.deleteAll = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
    }

    public Mono<Void> save(Username username, Device device) {
        return executor.executeVoid(insert.bind()
            .setString(USERNAME, username.asString())
            .setString(DEVICE_ID, device.getId().asString())
            .setString(TYPE, device.getType())
            .setString(HINT, device.getHint())
            .setString(LABEL, device.getLabel().orElse(null))
            .setString(STATUS, device.getStatus().asString())
            .setInstant(FIRST_SEEN, device.getFirstSeen())
            .setInstant(LAST_SEEN, device.getLastSeen())
            .setString(LAST_IP, device.getLastIp().orElse(null))
            .setLong(SUCCESSES, device.getSuccesses())
            .setLong(FAILURES, device.getFailures())
            .setInstant(REVOKED_UNTIL, device.getRevokedUntil().orElse(null)));
    }

    public Mono<Device> read(Username username, DeviceId deviceId) {
        return readWithPolicy(username, deviceId)
            .flatMap(found -> Mono.justOrEmpty(found.getDevice()));
    }

    /**
     * The device with the account's policy override (static columns of the same partition): one read. Empty when
     * the account does not know the device, whatever its override.
     */
    public Mono<PolicyAndDevice> readWithPolicy(Username username, DeviceId deviceId) {
        return executor.executeSingleRow(selectOne.bind()
                .setString(USERNAME, username.asString())
                .setString(DEVICE_ID, deviceId.asString()))
            .filter(CassandraDeviceDAO::isDeviceRow)
            .map(row -> PolicyAndDevice.of(CassandraAccountPolicyDAO.policyOf(row), Optional.of(toDevice(row))));
    }

    public Flux<Device> list(Username username) {
        return executor.executeRows(selectAll.bind().setString(USERNAME, username.asString()))
            .filter(CassandraDeviceDAO::isDeviceRow)
            .map(CassandraDeviceDAO::toDevice);
    }

    public Mono<Boolean> hasAny(Username username) {
        return executor.executeSingleRow(selectAnyId.bind().setString(USERNAME, username.asString()))
            .map(CassandraDeviceDAO::isDeviceRow)
            .defaultIfEmpty(false);
    }

    /**
     * A partition holding a policy override and no device gives one row of static columns, its device id null.
     */
    private static boolean isDeviceRow(Row row) {
        return !row.isNull(DEVICE_ID);
    }

    public Mono<Void> delete(Username username, DeviceId deviceId) {
        return executor.executeVoid(deleteOne.bind()
            .setString(USERNAME, username.asString())
            .setString(DEVICE_ID, deviceId.asString()));
    }

    /**
     * The whole partition: the account's devices and its policy override.
     */
    public Mono<Void> deleteAll(Username username) {
        return executor.executeVoid(deleteAll.bind().setString(USERNAME, username.asString()));
    }

    private static Device toDevice(Row row) {
        return Device.builder()
            .id(DeviceId.of(row.getString(DEVICE_ID)))
            .type(row.getString(TYPE))
            .hint(row.getString(HINT))
            .label(Optional.ofNullable(row.getString(LABEL)))
            .status(DeviceStatus.parse(row.getString(STATUS)))
            .firstSeen(row.getInstant(FIRST_SEEN))
            .lastSeen(row.getInstant(LAST_SEEN))
            .lastIp(Optional.ofNullable(row.getString(LAST_IP)))
            .successes(row.getLong(SUCCESSES))
            .failures(row.getLong(FAILURES))
            .revokedUntil(Optional.ofNullable(row.getInstant(REVOKED_UNTIL)))
            .build();
    }
}

package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.time.Instant;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Username;
import org.jamesclientid.cassandra.tables.CassandraAccountDeviceUseTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceUseTable;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.DeviceId;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Uses of devices by accounts, in both directions: by device for the AUTH check (one partition), by account for
 * rename and deletion.
 */
public class CassandraDeviceUseDAO {
    private static final String TTL = "ttl";

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insertUse;
    private final PreparedStatement insertAccountIndex;
    private final PreparedStatement selectUses;
    private final PreparedStatement selectUse;
    private final PreparedStatement deleteUse;
    private final PreparedStatement selectDevicesOfAccount;
    private final PreparedStatement deleteAccountIndex;

    @Inject
    public CassandraDeviceUseDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insertUse = session.prepare(insertInto(CassandraDeviceUseTable.TABLE_NAME)
            .value(CassandraDeviceUseTable.DEVICE_ID, bindMarker(CassandraDeviceUseTable.DEVICE_ID))
            .value(CassandraDeviceUseTable.USERNAME, bindMarker(CassandraDeviceUseTable.USERNAME))
            .value(CassandraDeviceUseTable.LAST_SEEN, bindMarker(CassandraDeviceUseTable.LAST_SEEN))
            .usingTtl(bindMarker(TTL))
            .build());
        this.insertAccountIndex = session.prepare(insertInto(CassandraAccountDeviceUseTable.TABLE_NAME)
            .value(CassandraAccountDeviceUseTable.USERNAME, bindMarker(CassandraAccountDeviceUseTable.USERNAME))
            .value(CassandraAccountDeviceUseTable.DEVICE_ID, bindMarker(CassandraAccountDeviceUseTable.DEVICE_ID))
            .usingTtl(bindMarker(TTL))
            .build());
        this.selectUses = session.prepare(selectFrom(CassandraDeviceUseTable.TABLE_NAME)
            .columns(CassandraDeviceUseTable.USERNAME, CassandraDeviceUseTable.LAST_SEEN)
            .whereColumn(CassandraDeviceUseTable.DEVICE_ID).isEqualTo(bindMarker(CassandraDeviceUseTable.DEVICE_ID))
            .build());
        this.selectUse = session.prepare(selectFrom(CassandraDeviceUseTable.TABLE_NAME)
            .column(CassandraDeviceUseTable.LAST_SEEN)
            .whereColumn(CassandraDeviceUseTable.DEVICE_ID).isEqualTo(bindMarker(CassandraDeviceUseTable.DEVICE_ID))
            .whereColumn(CassandraDeviceUseTable.USERNAME).isEqualTo(bindMarker(CassandraDeviceUseTable.USERNAME))
            .build());
        this.deleteUse = session.prepare(deleteFrom(CassandraDeviceUseTable.TABLE_NAME)
            .whereColumn(CassandraDeviceUseTable.DEVICE_ID).isEqualTo(bindMarker(CassandraDeviceUseTable.DEVICE_ID))
            .whereColumn(CassandraDeviceUseTable.USERNAME).isEqualTo(bindMarker(CassandraDeviceUseTable.USERNAME))
            .build());
        this.selectDevicesOfAccount = session.prepare(selectFrom(CassandraAccountDeviceUseTable.TABLE_NAME)
            .column(CassandraAccountDeviceUseTable.DEVICE_ID)
            .whereColumn(CassandraAccountDeviceUseTable.USERNAME).isEqualTo(bindMarker(CassandraAccountDeviceUseTable.USERNAME))
            .build());
        this.deleteAccountIndex = session.prepare(deleteFrom(CassandraAccountDeviceUseTable.TABLE_NAME)
            .whereColumn(CassandraAccountDeviceUseTable.USERNAME).isEqualTo(bindMarker(CassandraAccountDeviceUseTable.USERNAME))
            .build());
    }

    /**
     * The use and the account's index row in one logged batch, as James does for its two-way user delegation
     * ({@code CassandraUsersDAO}): both or neither, so a deletion of the account, which finds uses through the index,
     * never misses one; and one round trip of the first AUTH of a device on a node, where two sequential writes took two.
     */
    public Mono<Void> recordUse(DeviceId deviceId, Username username, Instant at, int ttlSeconds) {
        return executor.executeVoid(new BatchStatementBuilder(BatchType.LOGGED)
            .addStatement(insertAccountIndex.bind()
                .setString(CassandraAccountDeviceUseTable.USERNAME, username.asString())
                .setString(CassandraAccountDeviceUseTable.DEVICE_ID, deviceId.asString())
                .setInt(TTL, ttlSeconds))
            .addStatement(insertUse.bind()
                .setString(CassandraDeviceUseTable.DEVICE_ID, deviceId.asString())
                .setString(CassandraDeviceUseTable.USERNAME, username.asString())
                .setInstant(CassandraDeviceUseTable.LAST_SEEN, at)
                .setInt(TTL, ttlSeconds))
            .build());
    }

    public Flux<AccountUse> uses(DeviceId deviceId) {
        return executor.executeRows(selectUses.bind().setString(CassandraDeviceUseTable.DEVICE_ID, deviceId.asString()))
            .map(row -> AccountUse.of(Username.of(row.getString(CassandraDeviceUseTable.USERNAME)), deviceId,
                row.getInstant(CassandraDeviceUseTable.LAST_SEEN)));
    }

    public Mono<Instant> lastUse(DeviceId deviceId, Username username) {
        return executor.executeSingleRow(selectUse.bind()
                .setString(CassandraDeviceUseTable.DEVICE_ID, deviceId.asString())
                .setString(CassandraDeviceUseTable.USERNAME, username.asString()))
            .map(row -> row.getInstant(CassandraDeviceUseTable.LAST_SEEN));
    }

    public Flux<DeviceId> devicesUsedBy(Username username) {
        return executor.executeRows(selectDevicesOfAccount.bind()
                .setString(CassandraAccountDeviceUseTable.USERNAME, username.asString()))
            .map(row -> DeviceId.of(row.getString(CassandraAccountDeviceUseTable.DEVICE_ID)));
    }

    public Mono<Void> deleteUse(DeviceId deviceId, Username username) {
        return executor.executeVoid(deleteUse.bind()
            .setString(CassandraDeviceUseTable.DEVICE_ID, deviceId.asString())
            .setString(CassandraDeviceUseTable.USERNAME, username.asString()));
    }

    public Mono<Void> deleteAccountIndex(Username username) {
        return executor.executeVoid(deleteAccountIndex.bind()
            .setString(CassandraAccountDeviceUseTable.USERNAME, username.asString()));
    }
}

package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.CHANGED_AT;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.CHANGED_BY;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.DEVICE_ID;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.FIRST_DEVICE;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.FIRST_SEEN;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.HINT;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.LABEL;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.REVOKED_UNTIL;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.STATUS;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.TYPE;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.USERNAME;

import java.util.Comparator;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Username;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.device.StatusChange;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeviceRepository} on Cassandra ({@link org.jamesclientid.cassandra.tables.CassandraDeviceTable}).
 *
 * <p>Every write that must not undo another is a lightweight transaction, at the serial consistency of the session
 * James gives (the driver's {@code basic.request.serial-consistency}, as James' own conditional writes): adding a device ({@code IF NOT EXISTS}); trust-first's first device
 * (a conditional batch on the partition's static {@code first_device}, which every added device sets); a status or
 * label change ({@code IF} status, revocation end and label are still those read). A change rewrites every cell of
 * the row, without TTL unless the device stays pending, so that a device approved while pending does not expire.</p>
 */
public class CassandraDeviceRepository implements DeviceRepository {
    private static final String TTL = "ttl";
    private static final String STATUS_TTL = "status_ttl";
    private static final CqlIdentifier EXPECTED_STATUS = CqlIdentifier.fromCql("expected_status");
    private static final CqlIdentifier EXPECTED_UNTIL = CqlIdentifier.fromCql("expected_until");
    private static final CqlIdentifier EXPECTED_LABEL = CqlIdentifier.fromCql("expected_label");
    private static final CqlIdentifier EXPECTED_FIRST_DEVICE = CqlIdentifier.fromCql("expected_first_device");
    private static final int CHANGE_ATTEMPTS = 5;

    private final CassandraAsyncExecutor executor;
    private final PendingDeviceLimits limits;
    private final PreparedStatement insertIfAbsent;
    private final PreparedStatement insert;
    private final PreparedStatement setFirstDevice;
    private final PreparedStatement claimFirstDevice;
    private final PreparedStatement clearFirstDevice;
    private final PreparedStatement rewriteIfUnchanged;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectAll;
    private final PreparedStatement selectFirstDevice;
    private final PreparedStatement deleteOne;
    private final PreparedStatement deleteAll;

    @Inject
    public CassandraDeviceRepository(CqlSession session, PendingDeviceLimits limits) {
        this.executor = new CassandraAsyncExecutor(session);
        this.limits = limits;
        this.insertIfAbsent = session.prepare(insertInto(TABLE_NAME)
            .value(USERNAME, bindMarker(USERNAME))
            .value(DEVICE_ID, bindMarker(DEVICE_ID))
            .value(TYPE, bindMarker(TYPE))
            .value(HINT, bindMarker(HINT))
            .value(LABEL, bindMarker(LABEL))
            .value(STATUS, bindMarker(STATUS))
            .value(REVOKED_UNTIL, bindMarker(REVOKED_UNTIL))
            .value(CHANGED_BY, bindMarker(CHANGED_BY))
            .value(CHANGED_AT, bindMarker(CHANGED_AT))
            .value(FIRST_SEEN, bindMarker(FIRST_SEEN))
            .ifNotExists()
            .usingTtl(bindMarker(TTL))
            .build());
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(USERNAME, bindMarker(USERNAME))
            .value(DEVICE_ID, bindMarker(DEVICE_ID))
            .value(TYPE, bindMarker(TYPE))
            .value(HINT, bindMarker(HINT))
            .value(LABEL, bindMarker(LABEL))
            .value(STATUS, bindMarker(STATUS))
            .value(REVOKED_UNTIL, bindMarker(REVOKED_UNTIL))
            .value(CHANGED_BY, bindMarker(CHANGED_BY))
            .value(CHANGED_AT, bindMarker(CHANGED_AT))
            .value(FIRST_SEEN, bindMarker(FIRST_SEEN))
            .usingTtl(bindMarker(TTL))
            .build());
        this.setFirstDevice = session.prepare(update(TABLE_NAME)
            .setColumn(FIRST_DEVICE, bindMarker(FIRST_DEVICE))
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
        this.claimFirstDevice = session.prepare(update(TABLE_NAME)
            .setColumn(FIRST_DEVICE, bindMarker(FIRST_DEVICE))
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .ifColumn(FIRST_DEVICE).isEqualTo(bindMarker(EXPECTED_FIRST_DEVICE))
            .build());
        this.clearFirstDevice = session.prepare(deleteFrom(TABLE_NAME)
            .column(FIRST_DEVICE)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .ifColumn(FIRST_DEVICE).isEqualTo(bindMarker(EXPECTED_FIRST_DEVICE))
            .build());
        this.rewriteIfUnchanged = session.prepare(update(TABLE_NAME)
            .usingTtl(bindMarker(TTL))
            .setColumn(TYPE, bindMarker(TYPE))
            .setColumn(HINT, bindMarker(HINT))
            .setColumn(LABEL, bindMarker(LABEL))
            .setColumn(STATUS, bindMarker(STATUS))
            .setColumn(REVOKED_UNTIL, bindMarker(REVOKED_UNTIL))
            .setColumn(CHANGED_BY, bindMarker(CHANGED_BY))
            .setColumn(CHANGED_AT, bindMarker(CHANGED_AT))
            .setColumn(FIRST_SEEN, bindMarker(FIRST_SEEN))
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .ifColumn(STATUS).isEqualTo(bindMarker(EXPECTED_STATUS))
            .ifColumn(REVOKED_UNTIL).isEqualTo(bindMarker(EXPECTED_UNTIL))
            .ifColumn(LABEL).isEqualTo(bindMarker(EXPECTED_LABEL))
            .build());
        this.selectOne = session.prepare(selectFrom(TABLE_NAME)
            .columns(DEVICE_ID, TYPE, HINT, LABEL, STATUS, REVOKED_UNTIL, CHANGED_BY, CHANGED_AT, FIRST_SEEN)
            .ttl(STATUS).as(STATUS_TTL)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .build());
        this.selectAll = session.prepare(selectFrom(TABLE_NAME)
            .columns(DEVICE_ID, TYPE, HINT, LABEL, STATUS, REVOKED_UNTIL, CHANGED_BY, CHANGED_AT, FIRST_SEEN)
            .ttl(STATUS).as(STATUS_TTL)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
        this.selectFirstDevice = session.prepare(selectFrom(TABLE_NAME)
            .column(FIRST_DEVICE)
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

    @Override
    public Mono<Device> device(Username username, DeviceId deviceId) {
        return readStored(username, deviceId).map(stored -> stored.device);
    }

    @Override
    public Flux<Device> devices(Username username) {
        return listStored(username).map(stored -> stored.device);
    }

    @Override
    public Mono<Boolean> hasAnyDevice(Username username) {
        return devices(username).hasElements();
    }

    @Override
    public Mono<Boolean> add(Username username, Device device) {
        Statement<?> batch = new BatchStatementBuilder(BatchType.LOGGED)
            .addStatement(bindDevice(insertIfAbsent, username, device, ttlOf(device.getStatus())))
            .addStatement(setFirstDevice.bind()
                .setString(USERNAME, username.asString())
                .setString(FIRST_DEVICE, device.getId().asString()))
            .build();
        return executor.executeReturnApplied(batch)
            .flatMap(added -> added && device.getStatus() == DeviceStatus.PENDING
                ? dropPendingBeyondTheCap(username).thenReturn(true)
                : Mono.just(added));
    }

    /**
     * The account's first place is the static {@code first_device}: a conditional batch takes it and writes the
     * device together, so that a place taken always has its device. A place left by devices that expired or were
     * deleted (no device left) is taken over from the value read.
     */
    @Override
    public Mono<Boolean> addFirst(Username username, Device device) {
        return claimAndAdd(username, device, Optional.empty())
            .flatMap(added -> {
                if (added) {
                    return Mono.just(true);
                }
                return firstDevice(username)
                    .flatMap(taken -> hasAnyDevice(username)
                        .flatMap(anyDevice -> anyDevice ? Mono.just(false) : claimAndAdd(username, device, Optional.of(taken))))
                    .defaultIfEmpty(false);
            });
    }

    private Mono<Boolean> claimAndAdd(Username username, Device device, Optional<String> expectedFirstDevice) {
        Statement<?> batch = new BatchStatementBuilder(BatchType.LOGGED)
            .addStatement(claimFirstDevice.bind()
                .setString(USERNAME, username.asString())
                .setString(FIRST_DEVICE, device.getId().asString())
                .setString(EXPECTED_FIRST_DEVICE, expectedFirstDevice.orElse(null)))
            .addStatement(bindDevice(insert, username, device, ttlOf(device.getStatus())))
            .build();
        return executor.executeReturnApplied(batch);
    }

    private Mono<String> firstDevice(Username username) {
        return executor.executeSingleRow(selectFirstDevice.bind().setString(USERNAME, username.asString()))
            .flatMap(row -> Mono.justOrEmpty(row.getString(FIRST_DEVICE)));
    }

    @Override
    public Mono<Boolean> changeStatus(Username username, DeviceId deviceId, StatusChange change) {
        return rewrite(username, deviceId, stored -> stored.device.withStatus(change), CHANGE_ATTEMPTS);
    }

    @Override
    public Mono<Boolean> changeStatusIf(Username username, Device read, StatusChange change) {
        Device changed = read.withStatus(change);
        return executor.executeReturnApplied(bindRewrite(username, read, changed, ttlOf(change.getStatus())));
    }

    @Override
    public Mono<Boolean> setLabel(Username username, DeviceId deviceId, Optional<String> label) {
        return rewrite(username, deviceId, stored -> stored.device.withLabel(label), CHANGE_ATTEMPTS);
    }

    /**
     * An administrator's or owner's change, made on the device as read, retried when a sign-in's transition or
     * another change came in between: the last one made wins, none is undone by an older copy.
     */
    private Mono<Boolean> rewrite(Username username, DeviceId deviceId, java.util.function.Function<Stored, Device> change, int attempts) {
        return readStored(username, deviceId)
            .flatMap(stored -> {
                Device changed = change.apply(stored);
                // A pending device keeps its remaining lifetime; any other status is kept until deleted.
                int ttl = changed.getStatus() == DeviceStatus.PENDING ? stored.ttlSeconds : 0;
                return executor.executeReturnApplied(bindRewrite(username, stored.device, changed, ttl))
                    .flatMap(applied -> {
                        if (applied) {
                            return Mono.just(true);
                        }
                        if (attempts <= 1) {
                            return Mono.error(new IllegalStateException("The device " + deviceId.asString()
                                + " kept changing while it was updated; try again"));
                        }
                        return rewrite(username, deviceId, change, attempts - 1);
                    });
            })
            .defaultIfEmpty(false);
    }

    private BoundStatement bindRewrite(Username username, Device read, Device changed, int ttl) {
        return rewriteIfUnchanged.bind()
            .setInt(TTL, ttl)
            .setString(USERNAME, username.asString())
            .setString(DEVICE_ID, read.getId().asString())
            .setString(TYPE, changed.getType())
            .setString(HINT, changed.getHint())
            .setString(LABEL, changed.getLabel().orElse(null))
            .setString(STATUS, changed.getStatus().asString())
            .setInstant(REVOKED_UNTIL, changed.getRevokedUntil().orElse(null))
            .setString(CHANGED_BY, changed.getStatusChange().getBy().asString())
            .setInstant(CHANGED_AT, changed.getStatusChange().getAt())
            .setInstant(FIRST_SEEN, changed.getFirstSeen())
            .setString(EXPECTED_STATUS, read.getStatus().asString())
            .setInstant(EXPECTED_UNTIL, read.getRevokedUntil().orElse(null))
            .setString(EXPECTED_LABEL, read.getLabel().orElse(null))
            ;
    }

    /**
     * Deletes the device; with the account's last device goes its first place, unless another device took it since.
     */
    @Override
    public Mono<Void> delete(Username username, DeviceId deviceId) {
        return executor.executeVoid(deleteOne.bind()
                .setString(USERNAME, username.asString())
                .setString(DEVICE_ID, deviceId.asString()))
            .then(hasAnyDevice(username))
            .flatMap(anyDevice -> anyDevice ? Mono.empty() : firstDevice(username)
                .flatMap(taken -> executor.executeReturnApplied(clearFirstDevice.bind()
                    .setString(USERNAME, username.asString())
                    .setString(EXPECTED_FIRST_DEVICE, taken))))
            .then();
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return executor.executeVoid(deleteAll.bind().setString(USERNAME, username.asString()));
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        // Copies before the deletion: an interrupted rename leaves devices under both names, never under neither.
        return listStored(from)
            .concatMap(stored -> executor.executeVoid(bindDevice(insert, to, stored.device, stored.ttlSeconds))
                .then(executor.executeVoid(setFirstDevice.bind()
                    .setString(USERNAME, to.asString())
                    .setString(FIRST_DEVICE, stored.device.getId().asString()))))
            .then(deleteAll(from));
    }

    @Override
    public Mono<Void> rekey(Username username, DeviceId from, DeviceId to) {
        return readStored(username, from)
            .flatMap(stored -> executor.executeReturnApplied(bindDevice(insertIfAbsent, username, stored.device.withId(to), stored.ttlSeconds))
                .then(executor.executeVoid(deleteOne.bind()
                    .setString(USERNAME, username.asString())
                    .setString(DEVICE_ID, from.asString()))));
    }

    /**
     * Beyond the cap, the account's oldest pending devices go: a trusted or revoked one never does. The partition is
     * small: the cap plus the devices the account trusts or revoked.
     */
    private Mono<Void> dropPendingBeyondTheCap(Username username) {
        return listStored(username)
            .map(stored -> stored.device)
            .filter(device -> device.getStatus() == DeviceStatus.PENDING)
            .sort(Comparator.comparing(Device::getFirstSeen).reversed())
            .skip(limits.getPerAccount())
            .concatMap(dropped -> executor.executeVoid(deleteOne.bind()
                .setString(USERNAME, username.asString())
                .setString(DEVICE_ID, dropped.getId().asString())))
            .then();
    }

    private int ttlOf(DeviceStatus status) {
        return status == DeviceStatus.PENDING ? (int) limits.getLifetime().getSeconds() : 0;
    }

    private BoundStatement bindDevice(PreparedStatement statement, Username username, Device device, int ttl) {
        return statement.bind()
            .setString(USERNAME, username.asString())
            .setString(DEVICE_ID, device.getId().asString())
            .setString(TYPE, device.getType())
            .setString(HINT, device.getHint())
            .setString(LABEL, device.getLabel().orElse(null))
            .setString(STATUS, device.getStatus().asString())
            .setInstant(REVOKED_UNTIL, device.getRevokedUntil().orElse(null))
            .setString(CHANGED_BY, device.getStatusChange().getBy().asString())
            .setInstant(CHANGED_AT, device.getStatusChange().getAt())
            .setInstant(FIRST_SEEN, device.getFirstSeen())
            .setInt(TTL, ttl);
    }

    private Mono<Stored> readStored(Username username, DeviceId deviceId) {
        return executor.executeSingleRow(selectOne.bind()
                .setString(USERNAME, username.asString())
                .setString(DEVICE_ID, deviceId.asString()))
            .flatMap(row -> Mono.justOrEmpty(Stored.of(row)));
    }

    private Flux<Stored> listStored(Username username) {
        return executor.executeRows(selectAll.bind().setString(USERNAME, username.asString()))
            .flatMap(row -> Mono.justOrEmpty(Stored.of(row)));
    }

    /**
     * A device row with the TTL left on its status (0 when kept until deleted).
     */
    private static final class Stored {
        /**
         * Empty for the partition's static row (no device) and for a row whose cells expired but for a stray one.
         */
        static Optional<Stored> of(Row row) {
            if (row.isNull(DEVICE_ID) || row.isNull(STATUS) || row.isNull(TYPE)) {
                return Optional.empty();
            }
            Device device = Device.builder()
                .id(DeviceId.of(row.getString(DEVICE_ID)))
                .type(row.getString(TYPE))
                .hint(row.getString(HINT))
                .label(Optional.ofNullable(row.getString(LABEL)))
                .status(StatusChange.of(DeviceStatus.parse(row.getString(STATUS)), Optional.ofNullable(row.getInstant(REVOKED_UNTIL)),
                    Actor.parse(row.getString(CHANGED_BY)), row.getInstant(CHANGED_AT)))
                .firstSeen(row.getInstant(FIRST_SEEN))
                .build();
            return Optional.of(new Stored(device, row.isNull(STATUS_TTL) ? 0 : Math.max(1, row.getInt(STATUS_TTL))));
        }

        private final Device device;
        private final int ttlSeconds;

        private Stored(Device device, int ttlSeconds) {
            this.device = device;
            this.ttlSeconds = ttlSeconds;
        }
    }
}

package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable.CREATED_AT;
import static org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable.DEVICE_ID;
import static org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable.REASON;
import static org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable.UNTIL;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.DeviceId;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public class CassandraDeviceBlockDAO {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectAll;
    private final PreparedStatement delete;

    @Inject
    public CassandraDeviceBlockDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(DEVICE_ID, bindMarker(DEVICE_ID))
            .value(CREATED_AT, bindMarker(CREATED_AT))
            .value(UNTIL, bindMarker(UNTIL))
            .value(REASON, bindMarker(REASON))
            .build());
        this.selectOne = session.prepare(selectFrom(TABLE_NAME).all()
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .build());
        this.selectAll = session.prepare(selectFrom(TABLE_NAME).all().build());
        this.delete = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .build());
    }

    public Mono<Void> save(Block block) {
        return executor.executeVoid(insert.bind()
            .setString(DEVICE_ID, block.getDeviceId().asString())
            .setInstant(CREATED_AT, block.getCreatedAt())
            .setInstant(UNTIL, block.getUntil().orElse(null))
            .setString(REASON, block.getReason().orElse(null)));
    }

    public Mono<Block> find(DeviceId deviceId) {
        return executor.executeSingleRow(selectOne.bind().setString(DEVICE_ID, deviceId.asString()))
            .map(CassandraDeviceBlockDAO::toBlock);
    }

    /**
     * A full table scan, for administration only.
     */
    public Flux<Block> list() {
        return executor.executeRows(selectAll.bind())
            .map(CassandraDeviceBlockDAO::toBlock);
    }

    public Mono<Void> delete(DeviceId deviceId) {
        return executor.executeVoid(delete.bind().setString(DEVICE_ID, deviceId.asString()));
    }

    private static Block toBlock(Row row) {
        return Block.of(DeviceId.of(row.getString(DEVICE_ID)), row.getInstant(CREATED_AT),
            Optional.ofNullable(row.getInstant(UNTIL)), Optional.ofNullable(row.getString(REASON)));
    }
}

package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable.CREATED_AT;
import static org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable.DEVICE_ID;
import static org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable.REASON;
import static org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable.SET_BY;
import static org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable.UNTIL;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.DeviceBlocks;
import org.jamesclientid.device.DeviceId;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.common.base.Preconditions;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link BlockRepository} on Cassandra ({@link org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable}): the
 * administrator's block and the automatic one are two rows of the device's partition, so an automatic block's write
 * never touches the administrator's; an administrator's block is written with the automatic one's deletion in one
 * logged batch. An automatic block's TTL is how long it lasts.
 */
public class CassandraBlockRepository implements BlockRepository {
    private static final String TTL = "ttl";

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectAll;
    private final PreparedStatement deleteKind;
    private final PreparedStatement deleteAll;

    @Inject
    public CassandraBlockRepository(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(DEVICE_ID, bindMarker(DEVICE_ID))
            .value(SET_BY, bindMarker(SET_BY))
            .value(CREATED_AT, bindMarker(CREATED_AT))
            .value(UNTIL, bindMarker(UNTIL))
            .value(REASON, bindMarker(REASON))
            .usingTtl(bindMarker(TTL))
            .build());
        this.selectOne = session.prepare(selectFrom(TABLE_NAME)
            .columns(DEVICE_ID, SET_BY, CREATED_AT, UNTIL, REASON)
            .ttl(CREATED_AT).as(TTL)
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .build());
        this.selectAll = session.prepare(selectFrom(TABLE_NAME).all().build());
        this.deleteKind = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .whereColumn(SET_BY).isEqualTo(bindMarker(SET_BY))
            .build());
        this.deleteAll = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .build());
    }

    @Override
    public Mono<DeviceBlocks> blocks(DeviceId deviceId) {
        return executor.executeRows(selectOne.bind().setString(DEVICE_ID, deviceId.asString()))
            .map(CassandraBlockRepository::toBlock)
            .collectList()
            .map(CassandraBlockRepository::blocksOf);
    }

    private static DeviceBlocks blocksOf(List<Block> blocks) {
        return DeviceBlocks.of(blocks.stream().filter(block -> !block.isAutomatic()).findFirst(),
            blocks.stream().filter(Block::isAutomatic).findFirst());
    }

    @Override
    public Mono<Void> blockAutomatically(Block block) {
        Preconditions.checkArgument(block.isAutomatic() && block.getUntil().isPresent(), "an automatic block has an end");
        long lasting = Duration.between(block.getCreatedAt(), block.getUntil().get()).getSeconds();
        return executor.executeVoid(bind(block, (int) Math.max(1, Math.min(Integer.MAX_VALUE, lasting))));
    }

    @Override
    public Mono<Void> block(Block block) {
        Preconditions.checkArgument(!block.isAutomatic(), "not an administrator's block");
        return executor.executeVoid(new BatchStatementBuilder(BatchType.LOGGED)
            .addStatement(deleteKind.bind()
                .setString(DEVICE_ID, block.getDeviceId().asString())
                .setString(SET_BY, Actor.AUTOMATIC.asString()))
            .addStatement(bind(block, 0))
            .build());
    }

    @Override
    public Mono<Void> unblock(DeviceId deviceId) {
        return executor.executeVoid(deleteAll.bind().setString(DEVICE_ID, deviceId.asString()));
    }

    /**
     * Reads the whole table as the caller pages it: the WebAdmin listing takes a page and cancels.
     */
    @Override
    public Flux<Block> list() {
        return executor.executeRows(selectAll.bind())
            .map(CassandraBlockRepository::toBlock);
    }

    @Override
    public Mono<Void> rekey(DeviceId from, DeviceId to) {
        return executor.executeRows(selectOne.bind().setString(DEVICE_ID, from.asString()))
            .collectList()
            .filter(moved -> !moved.isEmpty())
            .flatMap(moved -> blocks(to)
                .flatMap(existing -> Flux.fromIterable(moved)
                    .filter(row -> (toBlock(row).isAutomatic() ? existing.getAutomatic() : existing.getAdministrator()).isEmpty())
                    .concatMap(row -> executor.executeVoid(bind(toBlock(row).withDeviceId(to), row.isNull(TTL) ? 0 : Math.max(1, row.getInt(TTL)))))
                    .then())
                .then(unblock(from)));
    }

    private BoundStatement bind(Block block, int ttl) {
        return insert.bind()
            .setString(DEVICE_ID, block.getDeviceId().asString())
            .setString(SET_BY, block.getSetBy().asString())
            .setInstant(CREATED_AT, block.getCreatedAt())
            .setInstant(UNTIL, block.getUntil().orElse(null))
            .setString(REASON, block.getReason().orElse(null))
            .setInt(TTL, ttl);
    }

    private static Block toBlock(Row row) {
        return Block.of(DeviceId.of(row.getString(DEVICE_ID)), Actor.parse(row.getString(SET_BY)), row.getInstant(CREATED_AT),
            Optional.ofNullable(row.getInstant(UNTIL)), Optional.ofNullable(row.getString(REASON)));
    }
}

package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraReplyCodeTable.ACTION;
import static org.jamesclientid.cassandra.tables.CassandraReplyCodeTable.CODE_HASH;
import static org.jamesclientid.cassandra.tables.CassandraReplyCodeTable.DEVICE_ID;
import static org.jamesclientid.cassandra.tables.CassandraReplyCodeTable.EXPIRES_AT;
import static org.jamesclientid.cassandra.tables.CassandraReplyCodeTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraReplyCodeTable.USERNAME;

import java.time.Duration;
import java.time.Instant;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.reply.ReplyAction;
import org.jamesclientid.reply.ReplyCodes;
import org.jamesclientid.reply.ReplyGrant;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import reactor.core.publisher.Mono;

/**
 * {@link ReplyCodes} in James' Cassandra keyspace, so that a code issued by one node is honoured, once, on any node.
 * Each row has a TTL ending when its code expires.
 *
 * <p>{@link #consume} is a lightweight transaction ({@code DELETE ... IF EXISTS}): two replies with the same code on two
 * nodes at once must not both make the change and both be told so. A rare write on an owner's request, never on the
 * sign-in path (James ADR 0044).</p>
 */
public class CassandraReplyCodes implements ReplyCodes {
    private static final String TTL = "ttl";

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement deleteIfExists;

    @Inject
    public CassandraReplyCodes(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(CODE_HASH, bindMarker(CODE_HASH))
            .value(USERNAME, bindMarker(USERNAME))
            .value(DEVICE_ID, bindMarker(DEVICE_ID))
            .value(ACTION, bindMarker(ACTION))
            .value(EXPIRES_AT, bindMarker(EXPIRES_AT))
            .usingTtl(bindMarker(TTL))
            .build());
        this.select = session.prepare(selectFrom(TABLE_NAME)
            .columns(USERNAME, DEVICE_ID, ACTION, EXPIRES_AT)
            .whereColumn(CODE_HASH).isEqualTo(bindMarker(CODE_HASH))
            .build());
        this.deleteIfExists = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(CODE_HASH).isEqualTo(bindMarker(CODE_HASH))
            .ifExists()
            .build());
    }

    @Override
    public Mono<Void> save(String codeHash, ReplyGrant grant, Instant now) {
        return executor.executeVoid(insert.bind()
            .setString(CODE_HASH, codeHash)
            .setString(USERNAME, grant.getUsername().asString())
            .setString(DEVICE_ID, grant.getDeviceId().asString())
            .setString(ACTION, grant.getAction().asString())
            .setInstant(EXPIRES_AT, grant.getExpiresAt())
            .setInt(TTL, CassandraTtl.seconds(Duration.between(now, grant.getExpiresAt()))));
    }

    @Override
    public Mono<ReplyGrant> find(String codeHash) {
        return executor.executeSingleRow(select.bind().setString(CODE_HASH, codeHash))
            .map(row -> ReplyGrant.of(Username.of(row.getString(USERNAME)), DeviceId.of(row.getString(DEVICE_ID)),
                ReplyAction.parse(row.getString(ACTION)).orElseThrow(() -> new IllegalStateException("Unknown reply action in "
                    + TABLE_NAME + ": " + row.getString(ACTION))),
                row.getInstant(EXPIRES_AT)));
    }

    @Override
    public Mono<Boolean> consume(String codeHash) {
        return executor.executeReturnApplied(deleteIfExists.bind().setString(CODE_HASH, codeHash));
    }
}

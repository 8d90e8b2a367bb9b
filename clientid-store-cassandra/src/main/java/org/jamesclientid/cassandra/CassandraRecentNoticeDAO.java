package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;
import static org.jamesclientid.cassandra.tables.CassandraRecentNoticeTable.DEVICE_ID;
import static org.jamesclientid.cassandra.tables.CassandraRecentNoticeTable.KIND;
import static org.jamesclientid.cassandra.tables.CassandraRecentNoticeTable.SENT_AT;
import static org.jamesclientid.cassandra.tables.CassandraRecentNoticeTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraRecentNoticeTable.USERNAME;

import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.policy.Alert;

import com.datastax.dse.driver.api.core.cql.reactive.ReactiveRow;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;

import reactor.core.publisher.Mono;

/**
 * The last notice sent per account, device and kind, changed by lightweight transactions only (at the session's
 * serial consistency), so that two nodes never both claim one.
 */
public class CassandraRecentNoticeDAO {
    private static final String TTL = "ttl";
    private static final String EXPECTED_SENT_AT = "expected_sent_at";
    private static final String NO_DEVICE = "";

    private final CqlSession session;
    private final PreparedStatement insertIfNotExists;
    private final PreparedStatement replaceIf;
    private final PreparedStatement deleteIf;

    public CassandraRecentNoticeDAO(CqlSession session) {
        this.session = session;
        this.insertIfNotExists = session.prepare(insertInto(TABLE_NAME)
            .value(USERNAME, bindMarker(USERNAME))
            .value(DEVICE_ID, bindMarker(DEVICE_ID))
            .value(KIND, bindMarker(KIND))
            .value(SENT_AT, bindMarker(SENT_AT))
            .ifNotExists()
            .usingTtl(bindMarker(TTL))
            .build());
        this.replaceIf = session.prepare(update(TABLE_NAME)
            .usingTtl(bindMarker(TTL))
            .setColumn(SENT_AT, bindMarker(SENT_AT))
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .whereColumn(KIND).isEqualTo(bindMarker(KIND))
            .ifColumn(SENT_AT).isEqualTo(bindMarker(EXPECTED_SENT_AT))
            .build());
        this.deleteIf = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DEVICE_ID).isEqualTo(bindMarker(DEVICE_ID))
            .whereColumn(KIND).isEqualTo(bindMarker(KIND))
            .ifColumn(SENT_AT).isEqualTo(bindMarker(SENT_AT))
            .build());
    }

    /**
     * Records a notice sent at {@code at} when none is recorded: empty when it was, else the time of the one recorded.
     */
    public Mono<Optional<Instant>> insertIfAbsent(Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant at, int ttlSeconds) {
        return lightweightTransaction(key(insertIfNotExists.boundStatementBuilder(), owner, device, kind)
                .setInstant(SENT_AT, at)
                .setInt(TTL, ttlSeconds)
                .build())
            .map(row -> row.wasApplied() ? Optional.<Instant>empty() : Optional.ofNullable(row.getInstant(SENT_AT)));
    }

    /**
     * Records a notice sent at {@code at} in place of the one sent at {@code expected}: false when another node
     * replaced or removed that one first.
     */
    public Mono<Boolean> replaceIf(Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant expected, Instant at, int ttlSeconds) {
        return lightweightTransaction(key(replaceIf.boundStatementBuilder(), owner, device, kind)
                .setInstant(SENT_AT, at)
                .setInstant(EXPECTED_SENT_AT, expected)
                .setInt(TTL, ttlSeconds)
                .build())
            .map(ReactiveRow::wasApplied);
    }

    /**
     * Forgets the notice sent at {@code at}, unless another node recorded a later one since.
     */
    public Mono<Void> deleteIf(Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant at) {
        return lightweightTransaction(key(deleteIf.boundStatementBuilder(), owner, device, kind)
                .setInstant(SENT_AT, at)
                .build())
            .then();
    }

    private static BoundStatementBuilder key(BoundStatementBuilder builder, Username owner, Optional<DeviceId> device, Alert.Kind kind) {
        return builder
            .setString(USERNAME, owner.asString())
            .setString(DEVICE_ID, device.map(DeviceId::asString).orElse(NO_DEVICE))
            .setString(KIND, kind.name());
    }

    private Mono<ReactiveRow> lightweightTransaction(Statement<?> statement) {
        return Mono.defer(() -> Mono.from(session.executeReactive(statement)));
    }
}

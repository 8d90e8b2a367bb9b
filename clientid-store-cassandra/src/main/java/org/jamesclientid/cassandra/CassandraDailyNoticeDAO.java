package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.literal;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;
import static org.jamesclientid.cassandra.tables.CassandraDailyNoticeTable.DAY;
import static org.jamesclientid.cassandra.tables.CassandraDailyNoticeTable.DIGEST_SENT;
import static org.jamesclientid.cassandra.tables.CassandraDailyNoticeTable.SENT;
import static org.jamesclientid.cassandra.tables.CassandraDailyNoticeTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraDailyNoticeTable.USERNAME;

import java.time.LocalDate;
import java.util.Optional;

import org.apache.james.core.Username;

import com.datastax.dse.driver.api.core.cql.reactive.ReactiveRow;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;

import reactor.core.publisher.Mono;

/**
 * The notices sent to an account on a UTC day, changed by lightweight transactions only (at the session's serial
 * consistency): a count compared and set, never read and written back, so that two nodes never both take the last one.
 */
public class CassandraDailyNoticeDAO {
    private static final String TTL = "ttl";
    private static final String EXPECTED_SENT = "expected_sent";

    private final CqlSession session;
    private final PreparedStatement insertFirstIfNotExists;
    private final PreparedStatement incrementIf;
    private final PreparedStatement markDigestIf;

    public CassandraDailyNoticeDAO(CqlSession session) {
        this.session = session;
        this.insertFirstIfNotExists = session.prepare(insertInto(TABLE_NAME)
            .value(USERNAME, bindMarker(USERNAME))
            .value(DAY, bindMarker(DAY))
            .value(SENT, literal(1))
            .value(DIGEST_SENT, literal(false))
            .ifNotExists()
            .usingTtl(bindMarker(TTL))
            .build());
        this.incrementIf = session.prepare(update(TABLE_NAME)
            .usingTtl(bindMarker(TTL))
            .setColumn(SENT, bindMarker(SENT))
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DAY).isEqualTo(bindMarker(DAY))
            .ifColumn(SENT).isEqualTo(bindMarker(EXPECTED_SENT))
            .build());
        this.markDigestIf = session.prepare(update(TABLE_NAME)
            .usingTtl(bindMarker(TTL))
            .setColumn(DIGEST_SENT, literal(true))
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DAY).isEqualTo(bindMarker(DAY))
            .ifColumn(DIGEST_SENT).isEqualTo(literal(false))
            .build());
    }

    /**
     * Counts the day's first notice: empty when it was the first, else the count already there.
     */
    public Mono<Optional<Integer>> insertFirst(Username owner, LocalDate day, int ttlSeconds) {
        return lightweightTransaction(insertFirstIfNotExists.bind()
                .setString(USERNAME, owner.asString())
                .setLocalDate(DAY, day)
                .setInt(TTL, ttlSeconds))
            .map(row -> row.wasApplied() ? Optional.<Integer>empty() : Optional.of(sent(row)));
    }

    /**
     * Sets the count to {@code expected + 1} when it is {@code expected}: empty when it was, else the count there now
     * (0 when the row is gone).
     */
    public Mono<Optional<Integer>> incrementIf(Username owner, LocalDate day, int expected, int ttlSeconds) {
        return lightweightTransaction(incrementIf.bind()
                .setString(USERNAME, owner.asString())
                .setLocalDate(DAY, day)
                .setInt(SENT, expected + 1)
                .setInt(EXPECTED_SENT, expected)
                .setInt(TTL, ttlSeconds))
            .map(row -> row.wasApplied() ? Optional.<Integer>empty() : Optional.of(sent(row)));
    }

    /**
     * Marks the day's digest as sent: true for the one caller that marked it.
     */
    public Mono<Boolean> markDigest(Username owner, LocalDate day, int ttlSeconds) {
        return lightweightTransaction(markDigestIf.bind()
                .setString(USERNAME, owner.asString())
                .setLocalDate(DAY, day)
                .setInt(TTL, ttlSeconds))
            .map(ReactiveRow::wasApplied);
    }

    /**
     * 0 when the row is not there (it expired): the caller then inserts the first again.
     */
    private static int sent(ReactiveRow row) {
        return row.isNull(SENT) ? 0 : row.getInt(SENT);
    }

    private Mono<ReactiveRow> lightweightTransaction(Statement<?> statement) {
        return Mono.defer(() -> Mono.from(session.executeReactive(statement)));
    }
}

package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraPasswordOnlySignInTable.DAY;
import static org.jamesclientid.cassandra.tables.CassandraPasswordOnlySignInTable.LAST_AT;
import static org.jamesclientid.cassandra.tables.CassandraPasswordOnlySignInTable.LAST_IP;
import static org.jamesclientid.cassandra.tables.CassandraPasswordOnlySignInTable.MECHANISM;
import static org.jamesclientid.cassandra.tables.CassandraPasswordOnlySignInTable.PROTOCOL;
import static org.jamesclientid.cassandra.tables.CassandraPasswordOnlySignInTable.SIGN_INS;
import static org.jamesclientid.cassandra.tables.CassandraPasswordOnlySignInTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraPasswordOnlySignInTable.USERNAME;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Username;
import org.jamesclientid.activity.PasswordOnlySignIn;
import org.jamesclientid.core.Protocol;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.common.collect.Maps;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sign-ins without CLIENTID of one account, one row per UTC day, protocol and mechanism.
 */
public class CassandraPasswordOnlySignInDAO {
    private static final String TTL = "ttl";

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement selectDay;
    private final PreparedStatement selectSince;
    private final PreparedStatement selectAll;
    private final PreparedStatement deleteAll;

    @Inject
    public CassandraPasswordOnlySignInDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(USERNAME, bindMarker(USERNAME))
            .value(DAY, bindMarker(DAY))
            .value(PROTOCOL, bindMarker(PROTOCOL))
            .value(MECHANISM, bindMarker(MECHANISM))
            .value(SIGN_INS, bindMarker(SIGN_INS))
            .value(LAST_AT, bindMarker(LAST_AT))
            .value(LAST_IP, bindMarker(LAST_IP))
            .usingTtl(bindMarker(TTL))
            .build());
        this.selectDay = session.prepare(selectFrom(TABLE_NAME)
            .columns(SIGN_INS, LAST_AT, LAST_IP)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DAY).isEqualTo(bindMarker(DAY))
            .whereColumn(PROTOCOL).isEqualTo(bindMarker(PROTOCOL))
            .whereColumn(MECHANISM).isEqualTo(bindMarker(MECHANISM))
            .build());
        this.selectSince = session.prepare(selectFrom(TABLE_NAME)
            .columns(PROTOCOL, MECHANISM, SIGN_INS, LAST_AT, LAST_IP)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .whereColumn(DAY).isGreaterThanOrEqualTo(bindMarker(DAY))
            .build());
        this.selectAll = session.prepare(selectFrom(TABLE_NAME)
            .columns(DAY, PROTOCOL, MECHANISM, SIGN_INS, LAST_AT, LAST_IP)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
        this.deleteAll = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
    }

    public Mono<PasswordOnlySignIn> read(Username username, LocalDate day, Protocol protocol, String mechanism) {
        return executor.executeSingleRow(selectDay.bind()
                .setString(USERNAME, username.asString())
                .setLocalDate(DAY, day)
                .setString(PROTOCOL, protocol.asString())
                .setString(MECHANISM, mechanism))
            .map(row -> PasswordOnlySignIn.of(protocol, mechanism, row.getLong(SIGN_INS), row.getInstant(LAST_AT),
                Optional.ofNullable(row.getString(LAST_IP))));
    }

    /**
     * The whole row, its TTL starting over.
     */
    public Mono<Void> write(Username username, LocalDate day, PasswordOnlySignIn signIns, int ttlSeconds) {
        return executor.executeVoid(insert.bind()
            .setString(USERNAME, username.asString())
            .setLocalDate(DAY, day)
            .setString(PROTOCOL, signIns.getProtocol().asString())
            .setString(MECHANISM, signIns.getMechanism())
            .setLong(SIGN_INS, signIns.getCount())
            .setInstant(LAST_AT, signIns.getLastAt())
            .setString(LAST_IP, signIns.getLastIp().orElse(null))
            .setInt(TTL, ttlSeconds));
    }

    /**
     * One slice of the account's partition: at most the retention's days times the mechanisms it used.
     */
    public Flux<PasswordOnlySignIn> since(Username username, LocalDate firstDay) {
        return executor.executeRows(selectSince.bind()
                .setString(USERNAME, username.asString())
                .setLocalDate(DAY, firstDay))
            .map(CassandraPasswordOnlySignInDAO::toSignIns);
    }

    /**
     * Every day kept for the account, with its sign-ins.
     */
    public Flux<Map.Entry<LocalDate, PasswordOnlySignIn>> days(Username username) {
        return executor.executeRows(selectAll.bind().setString(USERNAME, username.asString()))
            .map(row -> Maps.immutableEntry(row.getLocalDate(DAY), toSignIns(row)));
    }

    public Mono<Void> deleteAll(Username username) {
        return executor.executeVoid(deleteAll.bind().setString(USERNAME, username.asString()));
    }

    private static PasswordOnlySignIn toSignIns(Row row) {
        return PasswordOnlySignIn.of(Protocol.valueOf(row.getString(PROTOCOL).toUpperCase(Locale.US)), row.getString(MECHANISM),
            row.getLong(SIGN_INS), row.getInstant(LAST_AT), Optional.ofNullable(row.getString(LAST_IP)));
    }
}

package org.jamesclientid.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.activity.PasswordOnlySignIn;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.core.Protocol;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link PasswordOnlySignIns} on Cassandra: one row per account, UTC day, protocol and mechanism, rewritten at each
 * sign-in with a TTL of {@link #RETENTION} (one day more than the interface keeps, so the oldest day read is whole).
 *
 * <p>Bounded, not exact under concurrency: a sign-in reads its day's row and writes it back with one more, without a
 * lightweight transaction (these are sign-ins, James ADR 0044). Two sign-ins of the same account, protocol and
 * mechanism whose read and write overlap, on one node or two, count once; the last time and address are those of the
 * later write. What the count is for (does this account still sign in without CLIENTID, from where, how often) holds;
 * a counter column would be exact but cannot expire.</p>
 */
public class CassandraPasswordOnlySignIns implements PasswordOnlySignIns {
    public static final Duration RETENTION = Duration.ofDays(RETENTION_DAYS + 1);

    private final CassandraPasswordOnlySignInDAO signInDAO;

    @Inject
    public CassandraPasswordOnlySignIns(CassandraPasswordOnlySignInDAO signInDAO) {
        this.signInDAO = signInDAO;
    }

    @Override
    public Mono<Void> record(Username username, Protocol protocol, String mechanism, Instant at, Optional<String> ip) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        PasswordOnlySignIn first = PasswordOnlySignIn.of(protocol, mechanism, 1, at, ip);
        return signInDAO.read(username, day, protocol, mechanism)
            .map(before -> PasswordOnlySignIn.of(protocol, mechanism, before.getCount() + 1,
                before.getLastAt().isAfter(at) ? before.getLastAt() : at,
                before.getLastAt().isAfter(at) ? before.getLastIp() : ip))
            .defaultIfEmpty(first)
            .flatMap(signIns -> signInDAO.write(username, day, signIns, CassandraTtl.seconds(RETENTION)));
    }

    @Override
    public Flux<PasswordOnlySignIn> since(Username username, Instant since) {
        return signInDAO.since(username, LocalDate.ofInstant(since, ZoneOffset.UTC))
            .groupBy(signIns -> signIns.getProtocol().asString() + " " + signIns.getMechanism())
            .flatMap(group -> group.reduce(CassandraPasswordOnlySignIns::merge));
    }

    private static PasswordOnlySignIn merge(PasswordOnlySignIn a, PasswordOnlySignIn b) {
        PasswordOnlySignIn latest = a.getLastAt().isAfter(b.getLastAt()) ? a : b;
        return PasswordOnlySignIn.of(a.getProtocol(), a.getMechanism(), a.getCount() + b.getCount(), latest.getLastAt(),
            latest.getLastIp());
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return signInDAO.deleteAll(username);
    }

    /**
     * Each day of the old account added to the new one's (a read and a write per day: at most 31 per mechanism), then
     * the old partition deleted. The moved days' TTL starts over.
     */
    @Override
    public Mono<Void> rename(Username oldUsername, Username newUsername) {
        if (oldUsername.equals(newUsername)) {
            return Mono.empty();
        }
        return signInDAO.days(oldUsername)
            .concatMap(day -> signInDAO.read(newUsername, day.getKey(), day.getValue().getProtocol(), day.getValue().getMechanism())
                .map(existing -> merge(existing, day.getValue()))
                .defaultIfEmpty(day.getValue())
                .flatMap(merged -> signInDAO.write(newUsername, day.getKey(), merged, CassandraTtl.seconds(RETENTION))))
            .then(signInDAO.deleteAll(oldUsername));
    }
}

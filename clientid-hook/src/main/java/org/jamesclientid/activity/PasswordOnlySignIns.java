package org.jamesclientid.activity;

import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.core.Protocol;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Successful sign-ins without CLIENTID, per account, protocol and mechanism, counted per day. Only an account whose
 * password was right writes here, so the rows are bounded by the accounts that exist times the retention in days.
 * A store may forget a day once it is older than its retention (at least {@link #RETENTION_DAYS}).
 */
public interface PasswordOnlySignIns {
    int RETENTION_DAYS = 30;

    Mono<Void> record(Username username, Protocol protocol, String mechanism, Instant at, Optional<String> ip);

    /**
     * One entry per protocol and mechanism seen at or after the day of {@code since}: the sign-ins of those days,
     * the last time and address.
     */
    Flux<PasswordOnlySignIn> since(Username username, Instant since);

    Mono<Void> deleteAll(Username username);

    /**
     * Moves the sign-ins of {@code oldUsername} to {@code newUsername}, adding them to those it already has for the same
     * day, protocol and mechanism: a user renamed in James keeps what an operator reads before requiring CLIENTID.
     */
    Mono<Void> rename(Username oldUsername, Username newUsername);
}

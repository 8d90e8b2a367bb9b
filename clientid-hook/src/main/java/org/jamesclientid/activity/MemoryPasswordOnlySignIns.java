package org.jamesclientid.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.core.Protocol;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link PasswordOnlySignIns} in the JVM heap. Days written longer than the retention ago (by the wall clock of the
 * write) are dropped each time the account records one.
 */
public class MemoryPasswordOnlySignIns implements PasswordOnlySignIns {
    private static final class Day {
        private final Protocol protocol;
        private final String mechanism;
        private final LocalDate day;

        private Day(Protocol protocol, String mechanism, LocalDate day) {
            this.protocol = protocol;
            this.mechanism = mechanism;
            this.day = day;
        }

        @Override
        public boolean equals(Object o) {
            if (o instanceof Day) {
                Day that = (Day) o;
                return protocol == that.protocol && mechanism.equals(that.mechanism) && day.equals(that.day);
            }
            return false;
        }

        @Override
        public int hashCode() {
            return Objects.hash(protocol, mechanism, day);
        }
    }

    private final Clock clock;
    private final Map<Username, Map<Day, PasswordOnlySignIn>> byAccount = new ConcurrentHashMap<>();
    // When each day was last written, by the wall clock: what retention counts from (days are logical times).
    private final Map<Username, Map<Day, Instant>> writtenAt = new ConcurrentHashMap<>();

    @Inject
    public MemoryPasswordOnlySignIns(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<Void> record(Username username, Protocol protocol, String mechanism, Instant at, Optional<String> ip) {
        return Mono.fromRunnable(() -> byAccount.compute(username, (any, days) -> {
            Map<Day, PasswordOnlySignIn> kept = days == null ? new ConcurrentHashMap<>() : days;
            Instant now = clock.instant();
            Map<Day, Instant> written = writtenAt.computeIfAbsent(username, other -> new ConcurrentHashMap<>());
            Instant oldest = now.minus(Duration.ofDays(RETENTION_DAYS));
            written.entrySet().removeIf(entry -> {
                boolean expired = entry.getValue().isBefore(oldest);
                if (expired) {
                    kept.remove(entry.getKey());
                }
                return expired;
            });
            Day day = new Day(protocol, mechanism, LocalDate.ofInstant(at, ZoneOffset.UTC));
            written.put(day, now);
            kept.merge(day,
                PasswordOnlySignIn.of(protocol, mechanism, 1, at, ip),
                (before, added) -> PasswordOnlySignIn.of(protocol, mechanism, before.getCount() + 1,
                    before.getLastAt().isAfter(at) ? before.getLastAt() : at,
                    before.getLastAt().isAfter(at) ? before.getLastIp() : ip));
            return kept;
        }));
    }

    @Override
    public Flux<PasswordOnlySignIn> since(Username username, Instant since) {
        LocalDate firstDay = LocalDate.ofInstant(since, ZoneOffset.UTC);
        return Flux.defer(() -> Flux.fromIterable(ImmutableList.copyOf(byAccount.getOrDefault(username, Map.of()).entrySet())))
            .filter(entry -> !entry.getKey().day.isBefore(firstDay))
            .map(Map.Entry::getValue)
            .groupBy(signIn -> signIn.getProtocol().name() + " " + signIn.getMechanism())
            .flatMap(group -> group.reduce(MemoryPasswordOnlySignIns::merge));
    }

    private static PasswordOnlySignIn merge(PasswordOnlySignIn a, PasswordOnlySignIn b) {
        return PasswordOnlySignIn.of(a.getProtocol(), a.getMechanism(), a.getCount() + b.getCount(),
            a.getLastAt().isAfter(b.getLastAt()) ? a.getLastAt() : b.getLastAt(),
            a.getLastAt().isAfter(b.getLastAt()) ? a.getLastIp() : b.getLastIp());
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return Mono.fromRunnable(() -> {
            byAccount.remove(username);
            writtenAt.remove(username);
        });
    }

    @Override
    public Mono<Void> rename(Username oldUsername, Username newUsername) {
        return Mono.fromRunnable(() -> {
            if (oldUsername.equals(newUsername)) {
                return;
            }
            Map<Day, PasswordOnlySignIn> moved = byAccount.remove(oldUsername);
            if (moved == null) {
                return;
            }
            byAccount.compute(newUsername, (any, days) -> {
                Map<Day, PasswordOnlySignIn> kept = days == null ? new ConcurrentHashMap<>() : days;
                moved.forEach((day, signIns) -> kept.merge(day, signIns, MemoryPasswordOnlySignIns::merge));
                return kept;
            });
        });
    }
}

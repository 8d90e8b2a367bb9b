package org.jamesclientid.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.alert.NoticeLimitsConfiguration;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.policy.Alert;

import reactor.core.publisher.Mono;

/**
 * {@link NoticeLimits} on Cassandra, shared by every node: each limit is a lightweight transaction, so that two nodes
 * never both send the notice of one device and kind within the interval, nor the account's last notice of the day,
 * nor its digest. Notices are rare (refused or blocked sign-ins of accounts of this server, see
 * {@link org.jamesclientid.alert.MailboxNoticeAlertListener}), far from the AUTH path: the cost of Paxos is paid there
 * only.
 *
 * <p>The order: the notice's (account, device, kind) row is claimed first, then the day's count. A notice refused by
 * the interval then costs no count of the day. A notice the day's count refuses (the digest, or nothing) gives its
 * claim back, unless another node claimed the key since: it was not sent, so the same device and kind may be told
 * about as soon as the next day has room, as the memory store does.</p>
 *
 * <p>Times are the alerts' own: a notice is within the interval of the last one sent when its time is, and counts
 * toward the UTC day of its time. The TTLs, counted by Cassandra from the write, only bound what is stored: a claim is
 * kept for the interval, a day's count for two days.</p>
 */
public class CassandraNoticeLimits implements NoticeLimits {
    static final Duration DAILY_COUNT_TTL = Duration.ofDays(2);

    private final CassandraRecentNoticeDAO recentNoticeDAO;
    private final CassandraDailyNoticeDAO dailyNoticeDAO;
    private final NoticeLimitsConfiguration configuration;

    public CassandraNoticeLimits(CassandraRecentNoticeDAO recentNoticeDAO, CassandraDailyNoticeDAO dailyNoticeDAO,
                                 NoticeLimitsConfiguration configuration) {
        this.recentNoticeDAO = recentNoticeDAO;
        this.dailyNoticeDAO = dailyNoticeDAO;
        this.configuration = configuration;
    }

    @Override
    public Mono<Verdict> admit(Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant at) {
        return claim(owner, device, kind, at)
            .flatMap(claimed -> {
                if (!claimed) {
                    return Mono.just(Verdict.SUPPRESS);
                }
                return countOfDay(owner, at.atZone(ZoneOffset.UTC).toLocalDate())
                    .flatMap(verdict -> {
                        if (verdict == Verdict.SEND) {
                            return Mono.just(verdict);
                        }
                        return recentNoticeDAO.deleteIf(owner, device, kind, at)
                            .thenReturn(verdict);
                    });
            });
    }

    /**
     * True when this call holds the key's notice for the interval: none was recorded, or the one recorded is an
     * interval older and no other node replaced it first.
     */
    private Mono<Boolean> claim(Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant at) {
        int ttl = CassandraTtl.seconds(configuration.getInterval());
        return recentNoticeDAO.insertIfAbsent(owner, device, kind, at, ttl)
            .flatMap(recorded -> {
                if (recorded.isEmpty()) {
                    return Mono.just(true);
                }
                Instant last = recorded.get();
                if (at.isBefore(last.plus(configuration.getInterval()))) {
                    return Mono.just(false);
                }
                return recentNoticeDAO.replaceIf(owner, device, kind, last, at, ttl);
            });
    }

    /**
     * Each compare-and-set that fails returns the count another caller set, always higher, so a caller tries at most
     * {@code perDay + 1} times before it sends or sees the limit reached. The bound is there in case rows expire
     * under it (a count of 0 starts the day again): past it, nothing is sent.
     */
    private Mono<Verdict> countOfDay(Username owner, LocalDate day) {
        return countFrom(owner, day, 0, configuration.getPerDay() + 2);
    }

    private Mono<Verdict> countFrom(Username owner, LocalDate day, int current, int attemptsLeft) {
        int ttl = CassandraTtl.seconds(DAILY_COUNT_TTL);
        if (current >= configuration.getPerDay()) {
            return dailyNoticeDAO.markDigest(owner, day, ttl)
                .map(marked -> marked ? Verdict.DIGEST : Verdict.SUPPRESS);
        }
        if (attemptsLeft == 0) {
            return Mono.just(Verdict.SUPPRESS);
        }
        Mono<Optional<Integer>> attempt = current == 0
            ? dailyNoticeDAO.insertFirst(owner, day, ttl)
            : dailyNoticeDAO.incrementIf(owner, day, current, ttl);
        return attempt.flatMap(countThere -> countThere
            .map(count -> countFrom(owner, day, count, attemptsLeft - 1))
            .orElse(Mono.just(Verdict.SEND)));
    }
}

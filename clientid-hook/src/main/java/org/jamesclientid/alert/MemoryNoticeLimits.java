package org.jamesclientid.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.policy.Alert;

import reactor.core.publisher.Mono;

/**
 * {@link NoticeLimits} in the memory of this node. Bounded: at most {@link #MAX_ENTRIES} recent notices and as many
 * accounts' daily counts are kept, the least recently used dropped first (only accounts that exist reach here, see
 * {@link MailboxNoticeAlertListener}). On several nodes each node counts its own notices.
 */
public class MemoryNoticeLimits implements NoticeLimits {
    static final int MAX_ENTRIES = 100_000;

    private static final class NoticeKey {
        private final Username owner;
        private final Optional<DeviceId> device;
        private final Alert.Kind kind;

        private NoticeKey(Username owner, Optional<DeviceId> device, Alert.Kind kind) {
            this.owner = owner;
            this.device = device;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object o) {
            if (o instanceof NoticeKey) {
                NoticeKey that = (NoticeKey) o;
                return Objects.equals(owner, that.owner) && Objects.equals(device, that.device) && kind == that.kind;
            }
            return false;
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, device, kind);
        }
    }

    private static final class DailyCount {
        private final LocalDate day;
        private final int sent;
        private final boolean digestSent;

        private DailyCount(LocalDate day, int sent, boolean digestSent) {
            this.day = day;
            this.sent = sent;
            this.digestSent = digestSent;
        }
    }

    private static <K, V> Map<K, V> bounded() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }

    private final NoticeLimitsConfiguration configuration;
    private final Map<NoticeKey, Instant> lastSent = bounded();
    private final Map<Username, DailyCount> daily = bounded();

    @Inject
    public MemoryNoticeLimits(NoticeLimitsConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public Mono<Verdict> admit(Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant at) {
        return Mono.fromCallable(() -> decide(new NoticeKey(owner, device, kind), at));
    }

    private synchronized Verdict decide(NoticeKey key, Instant at) {
        Instant last = lastSent.get(key);
        if (last != null && at.isBefore(last.plus(configuration.getInterval()))) {
            return Verdict.SUPPRESS;
        }
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        DailyCount count = Optional.ofNullable(daily.get(key.owner))
            .filter(stored -> stored.day.equals(day))
            .orElse(new DailyCount(day, 0, false));
        if (count.sent < configuration.getPerDay()) {
            lastSent.put(key, at);
            daily.put(key.owner, new DailyCount(day, count.sent + 1, false));
            return Verdict.SEND;
        }
        if (!count.digestSent) {
            daily.put(key.owner, new DailyCount(day, count.sent, true));
            return Verdict.DIGEST;
        }
        return Verdict.SUPPRESS;
    }

    synchronized int retainedEntries() {
        return lastSent.size() + daily.size();
    }
}

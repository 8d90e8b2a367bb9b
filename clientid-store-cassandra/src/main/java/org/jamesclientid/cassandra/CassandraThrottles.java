package org.jamesclientid.cassandra;

import java.time.Duration;

import org.apache.james.core.Username;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;
import org.jamesclientid.limit.Throttles;

import com.google.common.base.Preconditions;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link Throttles} on Cassandra, shared by every node: one row per key in the partition of its owner, so an
 * account's throttles and those of its devices are one read. Each row is written with a TTL of the throttle's length
 * plus the retention: it outlives its end by the retention (visible to administrators as ended, not active), then
 * goes by itself. The TTL counts from the write and the length from the throttle's own times, so no clock of this
 * node gives meaning to them.
 */
public class CassandraThrottles implements Throttles {
    private final CassandraThrottleDAO throttleDAO;
    private final Duration retention;

    public CassandraThrottles(CassandraThrottleDAO throttleDAO, Duration retention) {
        Preconditions.checkArgument(!retention.isNegative(), "retention must not be negative");
        this.throttleDAO = throttleDAO;
        this.retention = retention;
    }

    @Override
    public Mono<Void> save(Throttle throttle) {
        return throttleDAO.save(throttle, ttlSeconds(throttle));
    }

    int ttlSeconds(Throttle throttle) {
        return CassandraTtl.seconds(Duration.between(throttle.getSince(), throttle.getUntil()).plus(retention));
    }

    @Override
    public Mono<Throttle> find(LimitKey key) {
        return throttleDAO.find(key);
    }

    @Override
    public Flux<Throttle> ofAccount(Username username) {
        return throttleDAO.ofOwner(LimitKey.accountOwner(username));
    }

    @Override
    public Flux<Throttle> list() {
        return throttleDAO.list();
    }

    @Override
    public Mono<Void> lift(LimitKey key) {
        return throttleDAO.delete(key);
    }
}

package org.jamesclientid.cassandra;

import java.time.Duration;
import java.time.Instant;

import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.LimitKey;

import com.google.common.base.Preconditions;

import reactor.core.publisher.Mono;

/**
 * {@link FailureCounters} on Cassandra, shared by every node: one row per failure, written with a TTL of the
 * retention (counted from the write, which must cover the longest failure window), counted with a slice of the key's
 * partition. No counter and no lightweight transaction: the count is read after the write, so of two failures
 * recorded together, on one node or two, the one counted last sees both.
 */
public class CassandraFailureCounters implements FailureCounters {
    private final CassandraFailureDAO failureDAO;
    private final int retentionSeconds;

    public CassandraFailureCounters(CassandraFailureDAO failureDAO, Duration retention) {
        Preconditions.checkArgument(retention.getSeconds() >= 1, "retention must be at least 1 second");
        Preconditions.checkArgument(retention.getSeconds() <= CassandraTtl.MAX_TTL_SECONDS, "retention is too long for a TTL");
        this.failureDAO = failureDAO;
        this.retentionSeconds = (int) retention.getSeconds();
    }

    @Override
    public Mono<Long> recordAndCountSince(LimitKey key, Instant at, Instant since) {
        return failureDAO.record(key, at, retentionSeconds)
            .then(failureDAO.countSince(key, since));
    }

    @Override
    public Mono<Long> countSince(LimitKey key, Instant since) {
        return failureDAO.countSince(key, since);
    }

    @Override
    public Mono<Void> reset(LimitKey key) {
        return failureDAO.delete(key);
    }
}

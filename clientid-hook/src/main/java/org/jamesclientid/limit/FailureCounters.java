package org.jamesclientid.limit;

import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * Failed sign-ins counted per {@link LimitKey} in sliding windows: the per-device-and-account, per-account and
 * per-address limits (docs/security.md). A store may forget a failure once it is older than its retention, which
 * must be at least the longest window configured; count it from the time of the write.
 */
public interface FailureCounters {
    /**
     * Records a failure at {@code at}, then counts the failures at or after {@code since}, this one included: the
     * count is read after the write, so that concurrent failures see each other.
     */
    Mono<Long> recordAndCountSince(LimitKey key, Instant at, Instant since);

    Mono<Long> countSince(LimitKey key, Instant since);

    /**
     * Forgets the failures of this key: an administrator lifting a throttle starts its count over.
     */
    Mono<Void> reset(LimitKey key);
}

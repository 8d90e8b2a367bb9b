package org.jamesclientid.limit;

import org.apache.james.core.Username;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The throttles the failure limits set. One per key: a new one replaces the old. A store may forget a throttle once
 * it has ended (Cassandra writes each with a TTL running to its end); readers check {@link Throttle#isActive}.
 */
public interface Throttles {
    Mono<Void> save(Throttle throttle);

    Mono<Throttle> find(LimitKey key);

    /**
     * The throttles on the account and on its devices.
     */
    Flux<Throttle> ofAccount(Username username);

    /**
     * Every throttle kept, for administrators: callers page it.
     */
    Flux<Throttle> list();

    Mono<Void> lift(LimitKey key);
}

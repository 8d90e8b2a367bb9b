package org.jamesclientid.policy;

import reactor.core.publisher.Mono;

/**
 * Hears the {@link Alert}s of the policy engine. Called after the decision is made; an error or a delay longer than
 * {@code clientid.store.timeout} is logged and does not change the decision.
 */
@FunctionalInterface
public interface AlertListener {
    Mono<Void> onAlert(Alert alert);
}

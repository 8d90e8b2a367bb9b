package org.jamesclientid.policy;

import org.apache.james.core.Username;

import reactor.core.publisher.Mono;

/**
 * Whether James has an account of this name: a sign-in naming no account leaves no per-account row (only the
 * device's and the address's failures count it), so that made-up usernames cannot grow the store.
 */
@FunctionalInterface
public interface KnownAccounts {
    Mono<Boolean> exists(Username username);
}

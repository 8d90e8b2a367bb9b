package org.jamesclientid.device;

import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;

import reactor.core.publisher.Mono;

/**
 * Per-account policy overrides, owned by administrators.
 */
public interface AccountPolicyRepository {
    /**
     * Empty when the account follows the global configuration.
     */
    Mono<AccountPolicy> policy(Username username);

    Mono<Void> setPolicy(Username username, AccountPolicy policy);

    Mono<Void> clearPolicy(Username username);

    /**
     * {@code from}'s override, if any, replaces {@code to}'s; {@code from}'s is cleared.
     */
    default Mono<Void> rename(Username from, Username to) {
        return policy(from)
            .flatMap(policy -> setPolicy(to, policy))
            .then(clearPolicy(from));
    }
}

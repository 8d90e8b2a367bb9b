package org.jamesclientid.device;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;

import reactor.core.publisher.Mono;

/**
 * {@link AccountPolicyRepository} in the JVM heap: one entry per account an administrator gave an override.
 */
public class MemoryAccountPolicyRepository implements AccountPolicyRepository {
    private final Map<Username, AccountPolicy> policies = new ConcurrentHashMap<>();

    @Override
    public Mono<AccountPolicy> policy(Username username) {
        return Mono.fromCallable(() -> policies.get(username));
    }

    @Override
    public Mono<Void> setPolicy(Username username, AccountPolicy policy) {
        return Mono.fromRunnable(() -> policies.put(username, policy));
    }

    @Override
    public Mono<Void> clearPolicy(Username username) {
        return Mono.fromRunnable(() -> policies.remove(username));
    }
}

package org.jamesclientid.policy;

import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * The account policy overrides this node last read from the store or wrote through WebAdmin, so that an account set
 * to a strict mode stays strict while the store is unavailable, whatever the global mode.
 *
 * <p>How stale it can be: an override is learnt by this node at the account's next AUTH decision on this node whose
 * read succeeded (or at once when set through this node's WebAdmin), and forgotten at restart. An account whose
 * override has not been read by this node since it started (or that fell out of the {@link #CAPACITY} most recently
 * read) is decided by the global mode during an outage; so is a change made on another node after this node last read
 * the account. docs/security.md says what that means for an operator.</p>
 */
public class LastKnownPolicies {
    static final int CAPACITY = 200_000;

    // Overrides only: an account without one follows the global configuration, known or not, so it takes no room
    // (and usernames an unauthenticated client makes up cannot push real overrides out).
    private final Cache<Username, AccountPolicy> known = CacheBuilder.newBuilder()
        .maximumSize(CAPACITY)
        .build();

    public void learn(Username username, Optional<AccountPolicy> override) {
        override.ifPresentOrElse(policy -> known.put(username, policy), () -> known.invalidate(username));
    }

    /**
     * The override this node last knew; empty when the account has none, or when this node does not know it.
     */
    public Optional<AccountPolicy> lastKnown(Username username) {
        return Optional.ofNullable(known.getIfPresent(username));
    }
}

package org.jamesclientid.core;

import java.util.Objects;
import java.util.Optional;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * The policy an administrator set on one account through WebAdmin: its mode, and optionally whether AUTH needs a
 * CLIENTID there (P1). Without the latter, the global value for the protocol applies ({@link org.jamesclientid.policy.PolicyInForce}).
 */
public final class AccountPolicy {
    public static AccountPolicy of(ClientIdMode mode, Optional<Boolean> requireClientId) {
        Preconditions.checkNotNull(mode, "'mode' is mandatory");
        Preconditions.checkNotNull(requireClientId, "'requireClientId' must not be null, use Optional.empty()");
        return new AccountPolicy(mode, requireClientId);
    }

    public static AccountPolicy of(ClientIdMode mode, boolean requireClientId) {
        return of(mode, Optional.of(requireClientId));
    }

    /**
     * The mode only: whether CLIENTID is required follows the global configuration.
     */
    public static AccountPolicy of(ClientIdMode mode) {
        return of(mode, Optional.empty());
    }

    private final ClientIdMode mode;
    private final Optional<Boolean> requireClientId;

    private AccountPolicy(ClientIdMode mode, Optional<Boolean> requireClientId) {
        this.mode = mode;
        this.requireClientId = requireClientId;
    }

    public ClientIdMode getMode() {
        return mode;
    }

    /**
     * Applies in {@link ClientIdMode#isStrict() strict} modes only; empty when the account follows the global value.
     */
    public Optional<Boolean> getRequireClientId() {
        return requireClientId;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof AccountPolicy) {
            AccountPolicy that = (AccountPolicy) o;
            return Objects.equals(this.requireClientId, that.requireClientId)
                && this.mode == that.mode;
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(mode, requireClientId);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("mode", mode.asString())
            .add("requireClientId", requireClientId)
            .toString();
    }
}

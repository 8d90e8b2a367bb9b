package org.jamesclientid.policy;

import java.util.Objects;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * The policy of one account: its mode and whether AUTH needs a CLIENTID (P1). Either the global default from
 * {@code clientid.properties} or an override an administrator set through WebAdmin.
 */
public final class AccountPolicy {
    public static AccountPolicy of(ClientIdMode mode, boolean requireClientId) {
        Preconditions.checkNotNull(mode, "'mode' is mandatory");
        return new AccountPolicy(mode, requireClientId);
    }

    private final ClientIdMode mode;
    private final boolean requireClientId;

    private AccountPolicy(ClientIdMode mode, boolean requireClientId) {
        this.mode = mode;
        this.requireClientId = requireClientId;
    }

    public ClientIdMode getMode() {
        return mode;
    }

    /**
     * Applies in {@link ClientIdMode#isStrict() strict} modes only.
     */
    public boolean isRequireClientId() {
        return requireClientId;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof AccountPolicy) {
            AccountPolicy that = (AccountPolicy) o;
            return this.requireClientId == that.requireClientId
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

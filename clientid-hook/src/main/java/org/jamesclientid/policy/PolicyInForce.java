package org.jamesclientid.policy;

import java.util.Locale;
import java.util.Objects;

import org.jamesclientid.core.ClientIdMode;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * The policy that applies to one account on one protocol, and where each part comes from: the account's own
 * {@link org.jamesclientid.core.AccountPolicy} or the global configuration. What the engine decides with and WebAdmin shows.
 */
public final class PolicyInForce {
    public enum Source {
        ACCOUNT,
        GLOBAL;

        public String asString() {
            return name().toLowerCase(Locale.US);
        }
    }

    public static PolicyInForce of(ClientIdMode mode, Source modeSource, boolean requireClientId, Source requireClientIdSource) {
        Preconditions.checkNotNull(mode, "'mode' is mandatory");
        Preconditions.checkNotNull(modeSource, "'modeSource' is mandatory");
        Preconditions.checkNotNull(requireClientIdSource, "'requireClientIdSource' is mandatory");
        return new PolicyInForce(mode, modeSource, requireClientId, requireClientIdSource);
    }

    private final ClientIdMode mode;
    private final Source modeSource;
    private final boolean requireClientId;
    private final Source requireClientIdSource;

    private PolicyInForce(ClientIdMode mode, Source modeSource, boolean requireClientId, Source requireClientIdSource) {
        this.mode = mode;
        this.modeSource = modeSource;
        this.requireClientId = requireClientId;
        this.requireClientIdSource = requireClientIdSource;
    }

    public ClientIdMode getMode() {
        return mode;
    }

    public Source getModeSource() {
        return modeSource;
    }

    /**
     * Whether the setting asks for a CLIENTID; it is enforced in {@link ClientIdMode#isStrict() strict} modes only,
     * see {@link #requiresClientId()}.
     */
    public boolean isRequireClientId() {
        return requireClientId;
    }

    public Source getRequireClientIdSource() {
        return requireClientIdSource;
    }

    /**
     * True when an AUTH without a usable CLIENTID is refused: a strict mode that requires one.
     */
    public boolean requiresClientId() {
        return requireClientId && mode.isStrict();
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof PolicyInForce) {
            PolicyInForce that = (PolicyInForce) o;
            return this.requireClientId == that.requireClientId
                && this.mode == that.mode
                && this.modeSource == that.modeSource
                && this.requireClientIdSource == that.requireClientIdSource;
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(mode, modeSource, requireClientId, requireClientIdSource);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("mode", mode.asString())
            .add("modeSource", modeSource)
            .add("requireClientId", requireClientId)
            .add("requireClientIdSource", requireClientIdSource)
            .toString();
    }
}

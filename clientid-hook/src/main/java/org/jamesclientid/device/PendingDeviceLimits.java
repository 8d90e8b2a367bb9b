package org.jamesclientid.device;

import java.time.Duration;
import java.util.Objects;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * How long a pending device is kept and how many an account keeps: anyone who names an account can make the server
 * record a pending device (P8), so these bound what they can store ({@code clientid.pending.lifetime},
 * {@code clientid.pending.perAccount}).
 */
public final class PendingDeviceLimits {
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);
    public static final int DEFAULT_PER_ACCOUNT = 20;
    public static final PendingDeviceLimits DEFAULT = of(DEFAULT_LIFETIME, DEFAULT_PER_ACCOUNT);

    public static PendingDeviceLimits of(Duration lifetime, int perAccount) {
        Preconditions.checkArgument(lifetime.getSeconds() >= 1, "the pending lifetime must be at least 1 second");
        Preconditions.checkArgument(lifetime.getSeconds() <= Integer.MAX_VALUE, "the pending lifetime is too long for a TTL");
        Preconditions.checkArgument(perAccount >= 1, "at least one pending device per account must be kept");
        return new PendingDeviceLimits(lifetime, perAccount);
    }

    private final Duration lifetime;
    private final int perAccount;

    private PendingDeviceLimits(Duration lifetime, int perAccount) {
        this.lifetime = lifetime;
        this.perAccount = perAccount;
    }

    public Duration getLifetime() {
        return lifetime;
    }

    public int getPerAccount() {
        return perAccount;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof PendingDeviceLimits) {
            PendingDeviceLimits that = (PendingDeviceLimits) o;
            return this.perAccount == that.perAccount && Objects.equals(this.lifetime, that.lifetime);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(lifetime, perAccount);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("lifetime", lifetime)
            .add("perAccount", perAccount)
            .toString();
    }
}

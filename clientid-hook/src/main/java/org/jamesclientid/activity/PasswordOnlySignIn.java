package org.jamesclientid.activity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jamesclientid.core.Protocol;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * Successful sign-ins of one account without CLIENTID over one protocol and mechanism, recently: what an operator
 * reads before requiring CLIENTID of the account (a webmail, an old client).
 */
public final class PasswordOnlySignIn {
    public static PasswordOnlySignIn of(Protocol protocol, String mechanism, long count, Instant lastAt, Optional<String> lastIp) {
        Preconditions.checkNotNull(protocol, "'protocol' is mandatory");
        Preconditions.checkNotNull(mechanism, "'mechanism' is mandatory");
        Preconditions.checkArgument(count > 0, "'count' must be positive");
        Preconditions.checkNotNull(lastAt, "'lastAt' is mandatory");
        Preconditions.checkNotNull(lastIp, "'lastIp' must not be null, use Optional.empty()");
        return new PasswordOnlySignIn(protocol, mechanism, count, lastAt, lastIp);
    }

    private final Protocol protocol;
    private final String mechanism;
    private final long count;
    private final Instant lastAt;
    private final Optional<String> lastIp;

    private PasswordOnlySignIn(Protocol protocol, String mechanism, long count, Instant lastAt, Optional<String> lastIp) {
        this.protocol = protocol;
        this.mechanism = mechanism;
        this.count = count;
        this.lastAt = lastAt;
        this.lastIp = lastIp;
    }

    public Protocol getProtocol() {
        return protocol;
    }

    public String getMechanism() {
        return mechanism;
    }

    public long getCount() {
        return count;
    }

    public Instant getLastAt() {
        return lastAt;
    }

    public Optional<String> getLastIp() {
        return lastIp;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof PasswordOnlySignIn) {
            PasswordOnlySignIn that = (PasswordOnlySignIn) o;
            return this.count == that.count
                && this.protocol == that.protocol
                && Objects.equals(this.mechanism, that.mechanism)
                && Objects.equals(this.lastAt, that.lastAt)
                && Objects.equals(this.lastIp, that.lastIp);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(protocol, mechanism, count, lastAt, lastIp);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("protocol", protocol)
            .add("mechanism", mechanism)
            .add("count", count)
            .add("lastAt", lastAt)
            .add("lastIp", lastIp)
            .toString();
    }
}

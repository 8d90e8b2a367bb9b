package org.jamesclientid.reply;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * The reply addresses one notice offers, with the time their codes stop working.
 */
public final class ReplyAddresses {
    public static final ReplyAddresses NONE = new ReplyAddresses(Optional.empty(), Optional.empty(), Optional.empty());

    public static ReplyAddresses of(Optional<ReplyAddress> approve, Optional<ReplyAddress> revoke, Instant validUntil) {
        Preconditions.checkNotNull(approve, "'approve' must not be null, use Optional.empty()");
        Preconditions.checkNotNull(revoke, "'revoke' must not be null, use Optional.empty()");
        Preconditions.checkNotNull(validUntil, "'validUntil' is mandatory");
        Preconditions.checkArgument(approve.map(address -> address.getAction() == ReplyAction.APPROVE).orElse(true), "'approve' must be an approve address");
        Preconditions.checkArgument(revoke.map(address -> address.getAction() == ReplyAction.REVOKE).orElse(true), "'revoke' must be a revoke address");
        return new ReplyAddresses(approve, revoke, Optional.of(validUntil));
    }

    private final Optional<ReplyAddress> approve;
    private final Optional<ReplyAddress> revoke;
    private final Optional<Instant> validUntil;

    private ReplyAddresses(Optional<ReplyAddress> approve, Optional<ReplyAddress> revoke, Optional<Instant> validUntil) {
        this.approve = approve;
        this.revoke = revoke;
        this.validUntil = validUntil;
    }

    public Optional<ReplyAddress> getApprove() {
        return approve;
    }

    public Optional<ReplyAddress> getRevoke() {
        return revoke;
    }

    /**
     * Empty for {@link #NONE}.
     */
    public Optional<Instant> getValidUntil() {
        return validUntil;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ReplyAddresses) {
            ReplyAddresses that = (ReplyAddresses) o;
            return Objects.equals(this.approve, that.approve)
                && Objects.equals(this.revoke, that.revoke)
                && Objects.equals(this.validUntil, that.validUntil);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(approve, revoke, validUntil);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("approve", approve.isPresent())
            .add("revoke", revoke.isPresent())
            .add("validUntil", validUntil)
            .toString();
    }
}

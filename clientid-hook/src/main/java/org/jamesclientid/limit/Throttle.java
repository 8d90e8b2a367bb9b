package org.jamesclientid.limit;

import java.time.Instant;
import java.util.Objects;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * An automatic, temporary refusal set by a failure limit: on one device of an account, on an account (for what it
 * does not trust) or on an address (the same). Lifted by its end or by an administrator.
 */
public final class Throttle {
    public static Throttle of(LimitKey key, Instant since, Instant until) {
        Preconditions.checkNotNull(key, "'key' is mandatory");
        Preconditions.checkNotNull(since, "'since' is mandatory");
        Preconditions.checkNotNull(until, "'until' is mandatory");
        Preconditions.checkArgument(until.isAfter(since), "'until' must be after 'since'");
        return new Throttle(key, since, until);
    }

    private final LimitKey key;
    private final Instant since;
    private final Instant until;

    private Throttle(LimitKey key, Instant since, Instant until) {
        this.key = key;
        this.since = since;
        this.until = until;
    }

    /**
     * Active strictly before its end.
     */
    public boolean isActive(Instant now) {
        return now.isBefore(until);
    }

    public LimitKey getKey() {
        return key;
    }

    public Instant getSince() {
        return since;
    }

    public Instant getUntil() {
        return until;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof Throttle) {
            Throttle that = (Throttle) o;
            return Objects.equals(this.key, that.key)
                && Objects.equals(this.since, that.since)
                && Objects.equals(this.until, that.until);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(key, since, until);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("key", key)
            .add("since", since)
            .add("until", until)
            .toString();
    }
}

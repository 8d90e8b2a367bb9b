package org.jamesclientid.smtp;

import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.core.ClientId;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableSet;

/**
 * The AUTHs refused on one connection: how many, and for which identity and account a failure was already counted,
 * so that a client retrying the same credentials with another mechanism (Thunderbird's AUTH PLAIN then AUTH LOGIN)
 * counts once toward the failure limits. Bounded: the connection ends after a few failures.
 */
public final class FailedAuths {
    public static final FailedAuths NONE = new FailedAuths(0, ImmutableSet.of());

    private final int count;
    private final ImmutableSet<String> counted;

    private FailedAuths(int count, ImmutableSet<String> counted) {
        this.count = count;
        this.counted = counted;
    }

    public boolean counted(Optional<ClientId> clientId, Username username) {
        return counted.contains(key(clientId, username));
    }

    public FailedAuths with(Optional<ClientId> clientId, Username username) {
        return new FailedAuths(count + 1, ImmutableSet.<String>builder().addAll(counted).add(key(clientId, username)).build());
    }

    public int count() {
        return count;
    }

    private static String key(Optional<ClientId> clientId, Username username) {
        // Held in the session only, never logged: ClientId.toString hides the token, this key is never printed.
        return clientId.map(id -> id.getType() + " " + id.getToken()).orElse("-") + "\n" + username.asString();
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof FailedAuths) {
            FailedAuths that = (FailedAuths) o;
            return this.count == that.count && Objects.equals(this.counted, that.counted);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(count, counted);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("count", count).add("identities", counted.size()).toString();
    }
}

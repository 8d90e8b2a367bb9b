package org.jamesclientid.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.smtp.ClientId;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * One AUTH to judge: who, with which identity (the one accepted by CLIENTID on this connection, C9), whether the
 * password was right, from where, and when. {@code at} is the only clock the policy reads.
 */
public final class AuthAttempt {
    public static class Builder {
        private Username username;
        private Optional<ClientId> clientId = Optional.empty();
        private Boolean passwordValid;
        private Optional<String> remoteIp = Optional.empty();
        private Instant at;

        private Builder() {
        }

        public Builder username(Username username) {
            this.username = username;
            return this;
        }

        public Builder clientId(Optional<ClientId> clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientId(ClientId clientId) {
            return clientId(Optional.of(clientId));
        }

        public Builder passwordValid(boolean passwordValid) {
            this.passwordValid = passwordValid;
            return this;
        }

        public Builder remoteIp(Optional<String> remoteIp) {
            this.remoteIp = remoteIp;
            return this;
        }

        public Builder remoteIp(String remoteIp) {
            return remoteIp(Optional.of(remoteIp));
        }

        public Builder at(Instant at) {
            this.at = at;
            return this;
        }

        public AuthAttempt build() {
            Preconditions.checkNotNull(username, "'username' is mandatory");
            Preconditions.checkNotNull(clientId, "'clientId' must not be null, use Optional.empty()");
            Preconditions.checkNotNull(passwordValid, "'passwordValid' is mandatory");
            Preconditions.checkNotNull(remoteIp, "'remoteIp' must not be null, use Optional.empty()");
            Preconditions.checkNotNull(at, "'at' is mandatory");
            return new AuthAttempt(username, clientId, passwordValid, remoteIp, at);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final Username username;
    private final Optional<ClientId> clientId;
    private final boolean passwordValid;
    private final Optional<String> remoteIp;
    private final Instant at;

    private AuthAttempt(Username username, Optional<ClientId> clientId, boolean passwordValid, Optional<String> remoteIp, Instant at) {
        this.username = username;
        this.clientId = clientId;
        this.passwordValid = passwordValid;
        this.remoteIp = remoteIp;
        this.at = at;
    }

    public Username getUsername() {
        return username;
    }

    public Optional<ClientId> getClientId() {
        return clientId;
    }

    public boolean isPasswordValid() {
        return passwordValid;
    }

    public Optional<String> getRemoteIp() {
        return remoteIp;
    }

    public Instant getAt() {
        return at;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof AuthAttempt) {
            AuthAttempt that = (AuthAttempt) o;
            return this.passwordValid == that.passwordValid
                && Objects.equals(this.username, that.username)
                && Objects.equals(this.clientId, that.clientId)
                && Objects.equals(this.remoteIp, that.remoteIp)
                && Objects.equals(this.at, that.at);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(username, clientId, passwordValid, remoteIp, at);
    }

    @Override
    public String toString() {
        // ClientId.toString hides the token.
        return MoreObjects.toStringHelper(this)
            .add("username", username.asString())
            .add("clientId", clientId)
            .add("passwordValid", passwordValid)
            .add("remoteIp", remoteIp)
            .add("at", at)
            .toString();
    }
}

package org.jamesclientid.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.core.Protocol;

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
        private Protocol protocol = Protocol.SMTP;
        private String mechanism = PASSWORD_MECHANISM;
        private boolean failureCountedOnConnection = false;
        private Optional<String> clientName = Optional.empty();

        private Builder() {
        }

        /**
         * What the client software calls itself (SMTP: the EHLO name), shown in the owner's notices; the client's
         * text, unchecked.
         */
        public Builder clientName(Optional<String> clientName) {
            this.clientName = clientName;
            return this;
        }

        public Builder protocol(Protocol protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * How the client authenticated, for the record of sign-ins without CLIENTID, e.g. {@code OAUTHBEARER}.
         */
        public Builder mechanism(String mechanism) {
            this.mechanism = mechanism;
            return this;
        }

        /**
         * True when this connection already counted a failure for the same identity and account: a client retrying
         * (Thunderbird's AUTH PLAIN then AUTH LOGIN) counts once.
         */
        public Builder failureCountedOnConnection(boolean failureCountedOnConnection) {
            this.failureCountedOnConnection = failureCountedOnConnection;
            return this;
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
            Preconditions.checkNotNull(protocol, "'protocol' is mandatory");
            Preconditions.checkNotNull(mechanism, "'mechanism' is mandatory");
            Preconditions.checkNotNull(clientName, "'clientName' must not be null, use Optional.empty()");
            return new AuthAttempt(username, clientId, passwordValid, remoteIp, at, protocol, mechanism, failureCountedOnConnection, clientName);
        }
    }

    /**
     * A user name and password, whatever the SASL mechanism carrying them (James' AUTH hooks are not told which).
     */
    public static final String PASSWORD_MECHANISM = "password";

    public static Builder builder() {
        return new Builder();
    }

    private final Username username;
    private final Optional<ClientId> clientId;
    private final boolean passwordValid;
    private final Optional<String> remoteIp;
    private final Instant at;
    private final Protocol protocol;
    private final String mechanism;
    private final boolean failureCountedOnConnection;
    private final Optional<String> clientName;

    private AuthAttempt(Username username, Optional<ClientId> clientId, boolean passwordValid, Optional<String> remoteIp, Instant at,
                        Protocol protocol, String mechanism, boolean failureCountedOnConnection, Optional<String> clientName) {
        this.username = username;
        this.clientId = clientId;
        this.passwordValid = passwordValid;
        this.remoteIp = remoteIp;
        this.at = at;
        this.protocol = protocol;
        this.mechanism = mechanism;
        this.failureCountedOnConnection = failureCountedOnConnection;
        this.clientName = clientName;
    }

    public Optional<String> getClientName() {
        return clientName;
    }

    public Protocol getProtocol() {
        return protocol;
    }

    public String getMechanism() {
        return mechanism;
    }

    public boolean isFailureCountedOnConnection() {
        return failureCountedOnConnection;
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
                && this.failureCountedOnConnection == that.failureCountedOnConnection
                && this.protocol == that.protocol
                && Objects.equals(this.mechanism, that.mechanism)
                && Objects.equals(this.username, that.username)
                && Objects.equals(this.clientId, that.clientId)
                && Objects.equals(this.remoteIp, that.remoteIp)
                && Objects.equals(this.clientName, that.clientName)
                && Objects.equals(this.at, that.at);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(username, clientId, passwordValid, remoteIp, at, protocol, mechanism, failureCountedOnConnection, clientName);
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
            .add("protocol", protocol)
            .add("mechanism", mechanism)
            .add("failureCountedOnConnection", failureCountedOnConnection)
            .add("clientName", clientName)
            .toString();
    }
}

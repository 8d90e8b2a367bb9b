package org.jamesclientid.imap;

import java.util.Objects;
import java.util.Optional;

import org.apache.james.imap.api.process.ImapSession;
import org.jamesclientid.core.ClientId;

import com.google.common.base.MoreObjects;

/**
 * What the CLIENTID extension knows about one IMAP connection, as an immutable value kept in the session's
 * attributes (a per-connection map that James drops at LOGOUT or close, I12).
 *
 * <p>Nothing is reset by STARTTLS: CLIENTID is refused before TLS, and STARTTLS is refused after it.</p>
 */
public final class ImapClientIdState {
    static final String ATTRIBUTE = "org.jamesclientid.imap.CLIENTID_STATE";

    public static final ImapClientIdState INITIAL = new ImapClientIdState(Optional.empty(), false, Optional.empty());

    public static ImapClientIdState current(ImapSession session) {
        return Optional.ofNullable(session.getAttribute(ATTRIBUTE))
            .map(ImapClientIdState.class::cast)
            .orElse(INITIAL);
    }

    /**
     * The identity accepted on this connection, if any: what the sign-in policy evaluates.
     */
    public static Optional<ClientId> presentedClientId(ImapSession session) {
        return current(session).getPresented();
    }

    /**
     * Called by LOGIN and AUTHENTICATE before anything else: from then on CLIENTID comes too late (I10), whatever
     * the outcome of the attempt.
     *
     * @param clientAddress where the command came from, kept for the sign-in: AUTHENTICATE's continuation line is
     *                      handled where James gives no client address
     */
    public static void recordAuthenticationAttempt(ImapSession session, Optional<String> clientAddress) {
        current(session).withAuthenticationAttempted(clientAddress).saveIn(session);
    }

    private final Optional<ClientId> presented;
    private final boolean authenticationAttempted;
    private final Optional<String> clientAddress;

    private ImapClientIdState(Optional<ClientId> presented, boolean authenticationAttempted, Optional<String> clientAddress) {
        this.presented = presented;
        this.authenticationAttempted = authenticationAttempted;
        this.clientAddress = clientAddress;
    }

    public ImapClientIdState withPresented(ClientId clientId) {
        return new ImapClientIdState(Optional.of(clientId), authenticationAttempted, clientAddress);
    }

    public ImapClientIdState withAuthenticationAttempted(Optional<String> clientAddress) {
        return new ImapClientIdState(presented, true, clientAddress.or(() -> this.clientAddress));
    }

    public void saveIn(ImapSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    public Optional<ClientId> getPresented() {
        return presented;
    }

    public boolean isAuthenticationAttempted() {
        return authenticationAttempted;
    }

    public Optional<String> getClientAddress() {
        return clientAddress;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ImapClientIdState) {
            ImapClientIdState that = (ImapClientIdState) o;
            return this.authenticationAttempted == that.authenticationAttempted
                && Objects.equals(this.presented, that.presented)
                && Objects.equals(this.clientAddress, that.clientAddress);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(presented, authenticationAttempted, clientAddress);
    }

    @Override
    public String toString() {
        // ClientId.toString hides the token.
        return MoreObjects.toStringHelper(this)
            .add("presented", presented)
            .add("authenticationAttempted", authenticationAttempted)
            .add("clientAddress", clientAddress)
            .toString();
    }
}

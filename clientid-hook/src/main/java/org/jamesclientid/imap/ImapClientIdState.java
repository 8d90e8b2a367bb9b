package org.jamesclientid.imap;

import java.util.Objects;
import java.util.Optional;

import org.apache.james.imap.api.process.ImapSession;
import org.jamesclientid.smtp.ClientId;

import com.google.common.base.MoreObjects;

/**
 * What the CLIENTID extension knows about one IMAP connection, as an immutable value kept in the session's
 * attributes (a per-connection map that James drops at LOGOUT or close, I12).
 *
 * <p>Nothing is reset by STARTTLS: CLIENTID is refused before TLS, and STARTTLS is refused after it.</p>
 */
public final class ImapClientIdState {
    static final String ATTRIBUTE = "org.jamesclientid.imap.CLIENTID_STATE";

    public static final ImapClientIdState INITIAL = new ImapClientIdState(Optional.empty(), false);

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
     */
    public static void recordAuthenticationAttempt(ImapSession session) {
        current(session).withAuthenticationAttempted().saveIn(session);
    }

    private final Optional<ClientId> presented;
    private final boolean authenticationAttempted;

    private ImapClientIdState(Optional<ClientId> presented, boolean authenticationAttempted) {
        this.presented = presented;
        this.authenticationAttempted = authenticationAttempted;
    }

    public ImapClientIdState withPresented(ClientId clientId) {
        return new ImapClientIdState(Optional.of(clientId), authenticationAttempted);
    }

    public ImapClientIdState withAuthenticationAttempted() {
        return new ImapClientIdState(presented, true);
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

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ImapClientIdState) {
            ImapClientIdState that = (ImapClientIdState) o;
            return this.authenticationAttempted == that.authenticationAttempted
                && Objects.equals(this.presented, that.presented);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(presented, authenticationAttempted);
    }

    @Override
    public String toString() {
        // ClientId.toString hides the token.
        return MoreObjects.toStringHelper(this)
            .add("presented", presented)
            .add("authenticationAttempted", authenticationAttempted)
            .toString();
    }
}

package org.jamesclientid.smtp;

import java.util.Objects;
import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession;
import org.jamesclientid.core.ClientId;

import com.google.common.base.MoreObjects;

/**
 * What the CLIENTID extension knows about one SMTP connection, as an immutable value kept in the session.
 *
 * <p>James keeps connection attachments across STARTTLS and EHLO, so every reset the draft asks for
 * (section 4: "discard any CLIENTID information after such a reset") is an explicit transition here.</p>
 */
public final class ClientIdState {
    static final ProtocolSession.AttachmentKey<ClientIdState> KEY = ProtocolSession.AttachmentKey.of("CLIENTID_STATE", ClientIdState.class);

    public static final ClientIdState INITIAL = new ClientIdState(false, Optional.empty(), false);

    public static ClientIdState current(ProtocolSession session) {
        return session.getAttachment(KEY, ProtocolSession.State.Connection).orElse(INITIAL);
    }

    /**
     * The identity accepted on this connection, if any: what the AUTH-time policy evaluates (C9).
     */
    public static Optional<ClientId> presentedClientId(ProtocolSession session) {
        return current(session).getPresented();
    }

    private final boolean advertised;
    private final Optional<ClientId> presented;
    private final boolean authReceived;

    private ClientIdState(boolean advertised, Optional<ClientId> presented, boolean authReceived) {
        this.advertised = advertised;
        this.presented = presented;
        this.authReceived = authReceived;
    }

    /**
     * After an EHLO/HELO the session starts over: any identity is discarded (C8); AUTH stays known.
     */
    public ClientIdState afterHelo(boolean clientIdAdvertised) {
        return new ClientIdState(clientIdAdvertised, Optional.empty(), authReceived);
    }

    public ClientIdState withPresented(ClientId clientId) {
        return new ClientIdState(advertised, Optional.of(clientId), authReceived);
    }

    public ClientIdState withAuthReceived() {
        return new ClientIdState(advertised, presented, true);
    }

    public void saveIn(ProtocolSession session) {
        session.setAttachment(KEY, this, ProtocolSession.State.Connection);
    }

    public boolean isAdvertised() {
        return advertised;
    }

    public Optional<ClientId> getPresented() {
        return presented;
    }

    public boolean isAuthReceived() {
        return authReceived;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ClientIdState) {
            ClientIdState that = (ClientIdState) o;
            return this.advertised == that.advertised
                && this.authReceived == that.authReceived
                && Objects.equals(this.presented, that.presented);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(advertised, presented, authReceived);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("advertised", advertised)
            .add("presented", presented)
            .add("authReceived", authReceived)
            .toString();
    }
}

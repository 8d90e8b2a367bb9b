package org.jamesclientid.imap;

import java.util.Optional;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;
import org.jamesclientid.core.ClientId;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * {@code tag CLIENTID type token}, as parsed: a well-formed identity, or why it is not one.
 *
 * <p>A malformed command is still a request, not a parser error: the processor answers availability and sequence
 * errors before syntax errors, as the SMTP side does.</p>
 */
public final class ClientIdRequest extends AbstractImapRequest {
    public static final ImapCommand COMMAND = ImapCommand.anyStateCommand("CLIENTID");

    public static ClientIdRequest wellFormed(Tag tag, ClientId clientId) {
        Preconditions.checkNotNull(clientId, "'clientId' is mandatory");
        return new ClientIdRequest(tag, Optional.of(clientId), Optional.empty());
    }

    public static ClientIdRequest malformed(Tag tag, String reason) {
        Preconditions.checkNotNull(reason, "'reason' is mandatory");
        return new ClientIdRequest(tag, Optional.empty(), Optional.of(reason));
    }

    private final Optional<ClientId> clientId;
    private final Optional<String> malformation;

    private ClientIdRequest(Tag tag, Optional<ClientId> clientId, Optional<String> malformation) {
        super(tag, COMMAND);
        this.clientId = clientId;
        this.malformation = malformation;
    }

    public Optional<ClientId> getClientId() {
        return clientId;
    }

    /**
     * Why the arguments are not a client identity, in words safe to send to the client (never the token).
     */
    public Optional<String> getMalformation() {
        return malformation;
    }

    @Override
    public String toString() {
        // James logs requests at DEBUG: ClientId.toString hides the token.
        return MoreObjects.toStringHelper(this)
            .add("tag", getTag())
            .add("clientId", clientId)
            .add("malformation", malformation)
            .toString();
    }
}

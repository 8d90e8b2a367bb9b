package org.jamesclientid.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;
import org.jamesclientid.core.ClientId;

/**
 * Parses {@code tag CLIENTID type token}. Type and token are IMAP astrings (an atom, a quoted string or a literal:
 * libetpan quotes them), and their decoded values must follow the SMTP draft's rules, which {@link ClientId} holds
 * (I6).
 *
 * <p>Declared for any state, and never failing: every reply, wrong state and bad syntax included, is written by
 * {@link ClientIdProcessor}, so that James' parser never answers {@code NO} for a wrong state nor its decoder
 * {@code * BYE} for a command it cannot read.</p>
 */
public class ClientIdImapCommandParser extends AbstractImapCommandParser {
    static final String MISSING_ARGUMENTS = "client-id-type and client-id-token are required";
    static final String MISSING_TOKEN = "client-id-token is required";
    static final String TOO_MANY_ARGUMENTS = "too many arguments";
    static final String BAD_TYPE = "client-id-type must be 1 to " + ClientId.MAX_TYPE_LENGTH + " letters, digits or '-'";
    static final String BAD_TOKEN = "client-id-token must be 1 to " + ClientId.MAX_TOKEN_LENGTH + " printable US-ASCII characters";

    @Inject
    public ClientIdImapCommandParser(StatusResponseFactory statusResponseFactory) {
        super(ClientIdRequest.COMMAND, statusResponseFactory);
    }

    @Override
    protected ClientIdRequest decode(ImapRequestLineReader request, Tag tag, ImapSession session) {
        String type;
        String token;
        try {
            if (request.nextWordCharLenient().isEmpty()) {
                return ClientIdRequest.malformed(tag, MISSING_ARGUMENTS);
            }
            type = request.astring();
        } catch (DecodingException e) {
            return ClientIdRequest.malformed(tag, BAD_TYPE);
        }
        try {
            if (request.nextWordCharLenient().isEmpty()) {
                return ClientIdRequest.malformed(tag, MISSING_TOKEN);
            }
            token = request.astring();
        } catch (DecodingException e) {
            // An unterminated quote, or bytes that are not US-ASCII.
            return ClientIdRequest.malformed(tag, BAD_TOKEN);
        }
        try {
            request.eol();
        } catch (DecodingException e) {
            // Its message quotes the next character, maybe the token's: never logged nor sent.
            return ClientIdRequest.malformed(tag, TOO_MANY_ARGUMENTS);
        }
        if (!ClientId.isValidType(type)) {
            return ClientIdRequest.malformed(tag, BAD_TYPE);
        }
        if (!ClientId.isValidToken(token)) {
            return ClientIdRequest.malformed(tag, BAD_TOKEN);
        }
        return ClientIdRequest.wellFormed(tag, ClientId.of(type, token));
    }
}

package org.jamesclientid.smtp;

import java.util.Optional;

import org.jamesclientid.core.ClientId;

/**
 * Parses the argument of the CLIENTID command strictly: exactly {@code type SP token}, nothing more.
 *
 * <p>James' command dispatcher has already split the verb off at the first space and trimmed the line,
 * so the argument is whatever followed {@code CLIENTID }.</p>
 */
public final class ClientIdCommandParser {

    /**
     * Why an argument was refused, in words safe to send to the client (never the token itself).
     */
    public static final class MalformedClientIdException extends IllegalArgumentException {
        MalformedClientIdException(String reason) {
            super(reason);
        }
    }

    private static final char SP = ' ';

    private ClientIdCommandParser() {
    }

    public static ClientId parse(String argument) throws MalformedClientIdException {
        String value = Optional.ofNullable(argument)
            .filter(arg -> !arg.isEmpty())
            .orElseThrow(() -> new MalformedClientIdException("client-id-type and client-id-token are required"));
        int separator = value.indexOf(SP);
        if (separator < 0) {
            throw new MalformedClientIdException("client-id-token is required");
        }
        String type = value.substring(0, separator);
        String token = value.substring(separator + 1);
        if (!ClientId.isValidType(type)) {
            throw new MalformedClientIdException("client-id-type must be 1 to " + ClientId.MAX_TYPE_LENGTH + " letters, digits or '-'");
        }
        if (token.indexOf(SP) >= 0) {
            throw new MalformedClientIdException("too many arguments");
        }
        if (!ClientId.isValidToken(token)) {
            throw new MalformedClientIdException("client-id-token must be 1 to " + ClientId.MAX_TOKEN_LENGTH + " printable US-ASCII characters");
        }
        return ClientId.of(type, token);
    }
}

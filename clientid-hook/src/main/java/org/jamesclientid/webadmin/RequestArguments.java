package org.jamesclientid.webadmin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.limit.LimitKey;

import spark.HaltException;
import spark.Request;

/**
 * Reads and checks the arguments of CLIENTID WebAdmin requests. A bad argument halts the request with a 400 (or a
 * 404 for an unknown user) whose message names it. Messages never quote a token.
 */
final class RequestArguments {
    static final String USER = ":user";
    static final String NEW_USER = ":newUser";
    static final String DEVICE_ID = ":deviceId";
    static final String ADDRESS = ":address";
    static final int MAX_TEXT_LENGTH = 256;

    private RequestArguments() {
    }

    static Username username(Request request, String parameter) {
        String value = request.params(parameter);
        try {
            return Username.of(value);
        } catch (IllegalArgumentException e) {
            throw badRequest("Invalid user '" + value + "': " + e.getMessage());
        }
    }

    /**
     * The {@code :user} of the path, which James' users repository must know.
     */
    static Username existingUser(Request request, UsersRepository usersRepository) throws UsersRepositoryException {
        return existingUser(username(request, USER), usersRepository);
    }

    static Username existingUser(Username username, UsersRepository usersRepository) throws UsersRepositoryException {
        // A repository failure is not an unknown user: it propagates and WebAdmin answers 500.
        if (!usersRepository.contains(username)) {
            throw notFound("The user '" + username.asString() + "' does not exist");
        }
        return username;
    }

    static DeviceId deviceId(Request request) {
        String value = request.params(DEVICE_ID);
        try {
            return DeviceId.of(value);
        } catch (IllegalArgumentException e) {
            throw badRequest("Invalid device id '" + value + "': a device id is " + DeviceId.LENGTH + " hexadecimal characters");
        }
    }

    /**
     * The {@code :address} of the path: an IPv4 or IPv6 address, returned as given once checked.
     */
    static String address(Request request) {
        String value = request.params(ADDRESS);
        try {
            LimitKey.addressPrefix(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw badRequest("Invalid address '" + value + "': expecting an IPv4 or IPv6 address, e.g. 192.0.2.1 or 2001:db8:1:2::1");
        }
    }

    static <T> T mandatory(String field, T value) {
        if (value == null) {
            throw badRequest("'" + field + "' is mandatory");
        }
        return value;
    }

    /**
     * The identity a client would present with {@code CLIENTID <type> <token>}, checked against the draft's syntax.
     */
    static ClientId clientId(String type, String token) {
        mandatory("type", type);
        mandatory("token", token);
        if (!ClientId.isValidType(type)) {
            throw badRequest("Invalid 'type' '" + type + "': a client-id type is 1 to " + ClientId.MAX_TYPE_LENGTH
                + " letters, digits or '-'");
        }
        if (!ClientId.isValidToken(token)) {
            // Never quote the token: it is a device secret.
            throw badRequest("Invalid 'token': a client-id token is 1 to " + ClientId.MAX_TOKEN_LENGTH
                + " printable US-ASCII characters, without spaces");
        }
        return ClientId.of(type, token);
    }

    /**
     * An optional ISO-8601 date-time with an offset ({@code 2026-12-31T23:00:00Z}), which must be after {@code now}.
     */
    static Optional<Instant> futureInstant(String field, Optional<String> value, Instant now) {
        return value.map(text -> futureInstant(field, text, now));
    }

    private static Instant futureInstant(String field, String value, Instant now) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw badRequest("Invalid '" + field + "' '" + value + "': expecting an ISO-8601 date-time with an offset, e.g. 2026-12-31T23:00:00Z");
        }
        if (!instant.isAfter(now)) {
            throw badRequest("Invalid '" + field + "' '" + value + "': it must be in the future");
        }
        return instant;
    }

    /**
     * Free text such as a label or a reason: blank means none.
     */
    static Optional<String> text(String field, Optional<String> value) {
        Optional<String> text = value.map(String::trim).filter(trimmed -> !trimmed.isEmpty());
        if (text.map(String::length).orElse(0) > MAX_TEXT_LENGTH) {
            throw badRequest("Invalid '" + field + "': at most " + MAX_TEXT_LENGTH + " characters");
        }
        return text;
    }

    static HaltException badRequest(String message) {
        return ErrorResponder.builder()
            .statusCode(HttpStatus.BAD_REQUEST_400)
            .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message(message)
            .haltError();
    }

    static HaltException notFound(String message) {
        return ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorResponder.ErrorType.NOT_FOUND)
            .message(message)
            .haltError();
    }
}

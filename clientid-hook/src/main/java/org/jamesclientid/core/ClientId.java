package org.jamesclientid.core;

import java.util.Locale;
import java.util.Objects;
import java.util.function.IntPredicate;

import com.google.common.base.Preconditions;

/**
 * A client identity as presented by {@code CLIENTID <type> <token>} (draft-storey-smtp-client-id, section 5).
 *
 * <p>The type is case-insensitive (the draft's ABNF) and kept in upper case; the token is opaque and kept as sent.
 * The token is a device secret: {@link #toString()} never shows it.</p>
 */
public final class ClientId {
    public static final int MAX_TYPE_LENGTH = 16;
    public static final int MAX_TOKEN_LENGTH = 128;

    public static ClientId of(String type, String token) {
        Preconditions.checkArgument(isValidType(type), "client-id-type must be 1 to %s letters, digits or '-'", MAX_TYPE_LENGTH);
        Preconditions.checkArgument(isValidToken(token), "client-id-token must be 1 to %s printable US-ASCII characters", MAX_TOKEN_LENGTH);
        return new ClientId(type.toUpperCase(Locale.US), token);
    }

    /**
     * Whether {@code type} is a client-id-type of the draft: 1 to 16 letters, digits or '-'.
     */
    public static boolean isValidType(String type) {
        return type != null
            && !type.isEmpty()
            && type.length() <= MAX_TYPE_LENGTH
            && allMatch(type, ClientId::isTypeChar);
    }

    /**
     * Whether {@code token} is a client-id-token of the draft: 1 to 128 printable US-ASCII characters.
     */
    public static boolean isValidToken(String token) {
        return token != null
            && !token.isEmpty()
            && token.length() <= MAX_TOKEN_LENGTH
            && allMatch(token, ClientId::isVisibleChar);
    }

    // A loop rather than String.chars(): this runs on every CLIENTID command.
    private static boolean allMatch(String text, IntPredicate predicate) {
        for (int i = 0; i < text.length(); i++) {
            if (!predicate.test(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTypeChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean isVisibleChar(int c) {
        return c >= 0x21 && c <= 0x7E;
    }

    private final String type;
    private final String token;

    private ClientId(String type, String token) {
        this.type = type;
        this.token = token;
    }

    public String getType() {
        return type;
    }

    /**
     * The raw device token. Callers hash it; they never log or store it.
     */
    public String getToken() {
        return token;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ClientId) {
            ClientId that = (ClientId) o;
            return Objects.equals(this.type, that.type)
                && Objects.equals(this.token, that.token);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(type, token);
    }

    @Override
    public String toString() {
        return "ClientId{type=" + type + ", token=<" + token.length() + " characters, hidden>}";
    }
}

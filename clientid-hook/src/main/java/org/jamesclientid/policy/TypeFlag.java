package org.jamesclientid.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the server handles one client-id type (draft-storey-smtp-client-id section 6.5).
 */
public enum TypeFlag {
    /** Treat the identity as not presented: keep nothing. Alone in its set. */
    IGNORE("ignore"),
    /** Keep it in the SMTP session for debugging; neither recorded nor used. Alone in its set. */
    SESSION_ONLY("session-only"),
    /** Device id, type and outcome may be written to the server log. */
    SYSTEM_LOG("system-log"),
    /** The device may appear in the account owner's notices. */
    USER_LOG("user-log"),
    /** The policy uses the identity: device checks, history, limits. */
    AUTHENTICATE("authenticate"),
    /** Raise an alert when AUTH with this type fails. */
    ALERT_FAILURE("alert-failure"),
    /** Raise an alert when AUTH with this type succeeds. */
    ALERT_SUCCESS("alert-success");

    public static final String ALLOWED_VALUES = Arrays.stream(values())
        .map(TypeFlag::asString)
        .collect(Collectors.joining(", "));

    /**
     * Case-insensitive.
     *
     * @throws IllegalArgumentException naming the allowed values when {@code value} is none of them
     */
    public static TypeFlag parse(String value) {
        String normalized = value == null ? "" : value.trim().toLowerCase(Locale.US);
        return Arrays.stream(values())
            .filter(flag -> flag.value.equals(normalized))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Unknown client-id type flag '" + value + "', expecting some of " + ALLOWED_VALUES));
    }

    private final String value;

    TypeFlag(String value) {
        this.value = value;
    }

    public String asString() {
        return value;
    }
}

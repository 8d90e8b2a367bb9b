package org.jamesclientid.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a device denial shows: at AUTH, as a wrong password would, or at MAIL FROM after a successful AUTH
 * (draft example 7.3).
 */
public enum RejectionStage {
    AUTH("auth"),
    MAIL("mail");

    public static final String ALLOWED_VALUES = Arrays.stream(values())
        .map(RejectionStage::asString)
        .collect(Collectors.joining(", "));

    /**
     * Case-insensitive.
     *
     * @throws IllegalArgumentException naming the allowed values when {@code value} is none of them
     */
    public static RejectionStage parse(String value) {
        String normalized = value == null ? "" : value.trim().toLowerCase(Locale.US);
        return Arrays.stream(values())
            .filter(stage -> stage.value.equals(normalized))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Unknown rejection stage '" + value + "', expecting one of " + ALLOWED_VALUES));
    }

    private final String value;

    RejectionStage(String value) {
        this.value = value;
    }

    public String asString() {
        return value;
    }
}

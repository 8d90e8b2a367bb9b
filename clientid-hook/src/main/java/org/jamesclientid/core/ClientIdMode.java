package org.jamesclientid.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How strictly an account's devices are checked at AUTH (product.md, "Policy model").
 */
public enum ClientIdMode {
    /** CLIENTID is answered per protocol; nothing is recorded or enforced. */
    OFF("off"),
    /** Devices seen at a successful AUTH are recorded and trusted; only blocks, revocations and type rules deny. */
    OBSERVE("observe"),
    /** The first device of an account is trusted on first use; later new devices are pending and denied. */
    TRUST_FIRST("trust-first"),
    /** Only enrolled or approved devices pass; new ones are pending and denied. */
    ENFORCE("enforce");

    public static final String ALLOWED_VALUES = Arrays.stream(values())
        .map(ClientIdMode::asString)
        .collect(Collectors.joining(", "));

    /**
     * Case-insensitive.
     *
     * @throws IllegalArgumentException naming the allowed values when {@code value} is none of them
     */
    public static ClientIdMode parse(String value) {
        String normalized = value == null ? "" : value.trim().toLowerCase(Locale.US);
        return Arrays.stream(values())
            .filter(mode -> mode.value.equals(normalized))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Unknown CLIENTID mode '" + value + "', expecting one of " + ALLOWED_VALUES));
    }

    private final String value;

    ClientIdMode(String value) {
        this.value = value;
    }

    public String asString() {
        return value;
    }

    /**
     * Modes in which an unknown or pending device is denied and a store outage fails closed.
     */
    public boolean isStrict() {
        return this == TRUST_FIRST || this == ENFORCE;
    }
}

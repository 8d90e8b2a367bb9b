package org.jamesclientid.device;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Who changed a device's status or set a block: shown in WebAdmin beside the change.
 */
public enum Actor {
    /** Through WebAdmin. */
    ADMINISTRATOR("administrator"),
    /** The account's owner, by replying to a notice from a device the account trusts. */
    OWNER("owner"),
    /**
     * A sign-in, through the transitions the product defines: a new device recorded (trusted in observe or as
     * trust-first's first device, pending otherwise), a pending device trusted in observe, an ended revocation.
     */
    SIGN_IN("sign-in"),
    /** A limit: too many failures, a shared device. */
    AUTOMATIC("automatic");

    /**
     * @throws IllegalArgumentException naming the allowed values when {@code value} is none of them
     */
    public static Actor parse(String value) {
        return Arrays.stream(values())
            .filter(actor -> actor.value.equals(value == null ? null : value.trim().toLowerCase(Locale.US)))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Unknown actor '" + value + "', expecting one of "
                + Arrays.stream(values()).map(Actor::asString).collect(Collectors.joining(", "))));
    }

    private final String value;

    Actor(String value) {
        this.value = value;
    }

    public String asString() {
        return value;
    }
}

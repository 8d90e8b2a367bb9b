package org.jamesclientid.reply;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the owner of an account asks for by replying to a notice about one of its devices.
 */
public enum ReplyAction {
    /** Trust the device: only in trust-first, where the owner may approve; in enforce only an administrator does. */
    APPROVE("approve"),
    /** Revoke the device on the account: any mode, observe included, where an attacker's device was trusted. */
    REVOKE("revoke");

    public static Optional<ReplyAction> parse(String value) {
        String normalized = value.toLowerCase(Locale.US);
        return Arrays.stream(values())
            .filter(action -> action.value.equals(normalized))
            .findFirst();
    }

    private final String value;

    ReplyAction(String value) {
        this.value = value;
    }

    public String asString() {
        return value;
    }
}

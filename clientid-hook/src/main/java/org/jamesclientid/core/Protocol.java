package org.jamesclientid.core;

import java.util.Locale;

/**
 * The protocol an authentication arrives on: named in the decision log line and the metrics, and the key of
 * settings that differ per protocol ({@code clientid.requireClientId.smtp}).
 */
public enum Protocol {
    SMTP,
    IMAP;

    public String asString() {
        return name().toLowerCase(Locale.US);
    }
}

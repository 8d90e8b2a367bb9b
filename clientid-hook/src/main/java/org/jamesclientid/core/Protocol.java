package org.jamesclientid.core;

import java.util.Locale;

/**
 * The protocol an authentication arrives on: named in the decision log line and the metrics, and the key of
 * settings that differ per protocol ({@code clientid.requireClientId.smtp}).
 *
 * <p>POP3 and JMAP have no CLIENTID command: a sign-in there never presents a device, so only the rules for a
 * sign-in without one apply (refused where the policy in force requires CLIENTID).</p>
 */
public enum Protocol {
    SMTP,
    IMAP,
    POP3,
    JMAP;

    public String asString() {
        return name().toLowerCase(Locale.US);
    }
}

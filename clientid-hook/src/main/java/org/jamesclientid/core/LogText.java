package org.jamesclientid.core;

/**
 * Client-supplied text (a username, a client-id type, an EHLO name) made safe for a log field or a notice.
 *
 * <p>A quoted value starts and ends with {@code "}; inside, {@code \} and {@code "} are escaped with a backslash and
 * every character outside printable US-ASCII (CR and LF included) is written {@code \}{@code uXXXX}. So a value never
 * breaks a line, and never ends its field early to forge another one ({@code account="x ip=203.0.113.9"} stays one
 * field): log-watching tools (fail2ban, CrowdSec) can trust every field the server writes outside quotes.</p>
 */
public final class LogText {
    private static final char FIRST_PRINTABLE = 0x20;
    private static final char LAST_PRINTABLE = 0x7E;

    private LogText() {
    }

    public static String quoted(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        appendEscaped(quoted, value);
        return quoted.append('"').toString();
    }

    /**
     * The value with the escapes of {@link #quoted} but without the quotes: for running text such as a notice.
     */
    public static String escaped(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        appendEscaped(escaped, value);
        return escaped.toString();
    }

    private static void appendEscaped(StringBuilder to, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '"') {
                to.append('\\').append(c);
            } else if (c < FIRST_PRINTABLE || c > LAST_PRINTABLE) {
                to.append(String.format("\\u%04X", (int) c));
            } else {
                to.append(c);
            }
        }
    }
}

package org.jamesclientid.imap;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import com.google.common.base.MoreObjects;

/**
 * Settings of CLIENTID on one {@code <imapserver>}, read from its {@code customProperties} (the only per-server
 * extension settings James 3.8.1's IMAP server has).
 *
 * <pre>
 * &lt;customProperties&gt;clientid.enabled=true&lt;/customProperties&gt;  &lt;!-- default true --&gt;
 * </pre>
 */
public final class ImapClientIdConfiguration {
    static final String ENABLED = "clientid.enabled";
    public static final ImapClientIdConfiguration DEFAULT = new ImapClientIdConfiguration(true);

    /**
     * @throws IllegalArgumentException for a value other than true or false: James then refuses to start.
     */
    public static ImapClientIdConfiguration from(Properties customProperties) {
        Optional<String> value = Optional.ofNullable(customProperties.getProperty(ENABLED))
            .map(String::trim)
            .map(s -> s.toLowerCase(Locale.US));
        if (value.isEmpty()) {
            return DEFAULT;
        }
        switch (value.get()) {
            case "true":
                return new ImapClientIdConfiguration(true);
            case "false":
                return new ImapClientIdConfiguration(false);
            default:
                throw new IllegalArgumentException("IMAP customProperties " + ENABLED + " must be true or false, got '" + value.get() + "'");
        }
    }

    private final boolean enabled;

    private ImapClientIdConfiguration(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ImapClientIdConfiguration) {
            ImapClientIdConfiguration that = (ImapClientIdConfiguration) o;
            return this.enabled == that.enabled;
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(enabled);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("enabled", enabled)
            .toString();
    }
}

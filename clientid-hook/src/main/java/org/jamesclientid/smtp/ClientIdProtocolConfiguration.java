package org.jamesclientid.smtp;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;

import com.google.common.base.MoreObjects;

/**
 * Settings of {@link ClientIdCmdHandler}, read once from its {@code <handler>} element in smtpserver.xml.
 *
 * <pre>
 * &lt;handler class="org.jamesclientid.smtp.ClientIdCmdHandler"&gt;
 *     &lt;enabled&gt;true&lt;/enabled&gt;  &lt;!-- default true --&gt;
 * &lt;/handler&gt;
 * </pre>
 */
public final class ClientIdProtocolConfiguration {
    static final String ENABLED = "enabled";
    public static final ClientIdProtocolConfiguration DEFAULT = new ClientIdProtocolConfiguration(true);

    public static ClientIdProtocolConfiguration from(Configuration configuration) throws ConfigurationException {
        return new ClientIdProtocolConfiguration(readBoolean(configuration, ENABLED, DEFAULT.enabled));
    }

    public static ClientIdProtocolConfiguration enabled(boolean enabled) {
        return new ClientIdProtocolConfiguration(enabled);
    }

    private static boolean readBoolean(Configuration configuration, String key, boolean defaultValue) throws ConfigurationException {
        Optional<String> value = Optional.ofNullable(configuration.getString(key, null))
            .map(String::trim)
            .map(s -> s.toLowerCase(Locale.US));
        if (value.isEmpty()) {
            return defaultValue;
        }
        switch (value.get()) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ConfigurationException("CLIENTID handler setting <" + key + "> must be true or false, got '" + value.get() + "'");
        }
    }

    private final boolean enabled;

    private ClientIdProtocolConfiguration(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ClientIdProtocolConfiguration) {
            ClientIdProtocolConfiguration that = (ClientIdProtocolConfiguration) o;
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

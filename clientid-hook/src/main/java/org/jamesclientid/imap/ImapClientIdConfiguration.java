package org.jamesclientid.imap;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableSet;

/**
 * Settings of CLIENTID on one {@code <imapserver>}, read from its {@code customProperties} (the only per-server
 * extension settings James 3.8.1's IMAP server has).
 *
 * <pre>
 * &lt;customProperties&gt;clientid.enabled=true&lt;/customProperties&gt;  &lt;!-- default true --&gt;
 * </pre>
 *
 * <p>Every enabled server must have the same value ({@link #ofEveryServer}).</p>
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

    /**
     * The one setting of every enabled {@code <imapserver>} of imapserver.xml.
     *
     * @throws ConfigurationException when two servers disagree, or a value is neither true nor false
     */
    public static ImapClientIdConfiguration ofEveryServer(HierarchicalConfiguration<ImmutableNode> imapServers) throws ConfigurationException {
        try {
            Set<ImapClientIdConfiguration> settings = imapServers.configurationsAt("imapserver").stream()
                .filter(server -> server.getBoolean("[@enabled]", true))
                .map(server -> from(server.getProperties("customProperties")))
                .collect(ImmutableSet.toImmutableSet());
            if (settings.size() > 1) {
                throw new ConfigurationException("Every <imapserver> must have the same " + ENABLED
                    + ": James 3.8.1 computes IMAP capabilities once for all IMAP servers");
            }
            return settings.stream().findFirst().orElse(DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
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

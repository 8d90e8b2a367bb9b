package org.jamesclientid.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;

import com.google.common.collect.ImmutableSet;

/**
 * Where alerts go, from {@code clientid.alerts.channels} in clientid.properties (default {@code log,mail}).
 */
public enum AlertChannel {
    /** One line per alert in the server log ({@link org.jamesclientid.policy.LoggingAlertListener}). */
    LOG("log"),
    /** A notice written to the account owner's INBOX for user-log types ({@link MailboxNoticeAlertListener}). */
    MAIL("mail");

    public static final String KEY = "clientid.alerts.channels";
    public static final Set<AlertChannel> DEFAULT = ImmutableSet.of(LOG, MAIL);

    public static Set<AlertChannel> from(Configuration configuration) throws ConfigurationException {
        if (!configuration.containsKey(KEY)) {
            return DEFAULT;
        }
        ImmutableSet.Builder<AlertChannel> channels = ImmutableSet.builder();
        for (String value : configuration.getStringArray(KEY)) {
            String name = value.trim().toLowerCase(Locale.US);
            if (!name.isEmpty()) {
                channels.add(Arrays.stream(values())
                    .filter(channel -> channel.name.equals(name))
                    .findFirst()
                    .orElseThrow(() -> new ConfigurationException(KEY + ": unknown channel '" + value.trim() + "', expected a list of "
                        + Arrays.stream(values()).map(channel -> channel.name).collect(Collectors.joining(", ")))));
            }
        }
        return channels.build();
    }

    private final String name;

    AlertChannel(String name) {
        this.name = name;
    }
}

package org.jamesclientid.jdbc;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.util.DurationParser;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * How the JDBC stores keep their rows, from {@code clientid.properties}: {@code clientid.jdbc.retention} (default 1d;
 * failures and ended throttles are kept that long, at least the longest failure window),
 * {@code clientid.jdbc.sweepInterval} (default 10m: how often expired rows are deleted) and
 * {@code clientid.jdbc.maxConnections} (default 8). The database itself: {@link JdbcConnectionSettings}.
 */
public final class JdbcStoreConfiguration {
    public static final String RETENTION = "clientid.jdbc.retention";
    public static final String SWEEP_INTERVAL = "clientid.jdbc.sweepInterval";
    public static final String MAX_CONNECTIONS = "clientid.jdbc.maxConnections";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(1);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 8;

    public static JdbcStoreConfiguration of(Duration retention, Duration sweepInterval, int maxConnections) {
        Preconditions.checkArgument(retention.compareTo(Duration.ZERO) > 0, "'retention' must be positive");
        Preconditions.checkArgument(sweepInterval.compareTo(Duration.ZERO) > 0, "'sweepInterval' must be positive");
        Preconditions.checkArgument(maxConnections > 0, "'maxConnections' must be positive");
        return new JdbcStoreConfiguration(retention, sweepInterval, maxConnections);
    }

    /**
     * @param longestWindow the longest failure window of the policy: the retention is raised to it, since forgetting
     *                      failures inside the window would let a device try more passwords than the limit
     */
    public static JdbcStoreConfiguration from(Configuration properties, Duration longestWindow) throws ConfigurationException {
        Duration retention = duration(properties, RETENTION, DEFAULT_RETENTION);
        Duration sweepInterval = duration(properties, SWEEP_INTERVAL, DEFAULT_SWEEP_INTERVAL);
        String maxConnections = properties.getString(MAX_CONNECTIONS, "").trim();
        int parsedMaxConnections;
        try {
            parsedMaxConnections = maxConnections.isEmpty() ? DEFAULT_MAX_CONNECTIONS : Integer.parseInt(maxConnections);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(MAX_CONNECTIONS + ": expected a positive whole number, got '" + maxConnections + "'", e);
        }
        if (parsedMaxConnections <= 0) {
            throw new ConfigurationException(MAX_CONNECTIONS + ": expected a positive whole number, got '" + maxConnections + "'");
        }
        return of(retention.compareTo(longestWindow) < 0 ? longestWindow : retention, sweepInterval, parsedMaxConnections);
    }

    private static Duration duration(Configuration properties, String key, Duration defaultValue) throws ConfigurationException {
        String value = properties.getString(key, "").trim();
        if (value.isEmpty()) {
            return defaultValue;
        }
        Duration parsed;
        try {
            parsed = DurationParser.parse(value, ChronoUnit.SECONDS);
        } catch (RuntimeException e) {
            throw new ConfigurationException(key + ": expected a positive duration such as 10m, 1h or 1d, got '" + value + "'", e);
        }
        if (parsed.isZero() || parsed.isNegative()) {
            throw new ConfigurationException(key + ": expected a positive duration such as 10m, 1h or 1d, got '" + value + "'");
        }
        return parsed;
    }

    private final Duration retention;
    private final Duration sweepInterval;
    private final int maxConnections;

    private JdbcStoreConfiguration(Duration retention, Duration sweepInterval, int maxConnections) {
        this.retention = retention;
        this.sweepInterval = sweepInterval;
        this.maxConnections = maxConnections;
    }

    public Duration getRetention() {
        return retention;
    }

    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof JdbcStoreConfiguration) {
            JdbcStoreConfiguration that = (JdbcStoreConfiguration) o;
            return this.maxConnections == that.maxConnections
                && Objects.equals(this.retention, that.retention)
                && Objects.equals(this.sweepInterval, that.sweepInterval);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(retention, sweepInterval, maxConnections);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("retention", retention)
            .add("sweepInterval", sweepInterval)
            .add("maxConnections", maxConnections)
            .toString();
    }
}

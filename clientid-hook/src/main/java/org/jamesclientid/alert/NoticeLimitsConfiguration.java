package org.jamesclientid.alert;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.util.DurationParser;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * The notice limits from {@code clientid.properties}: {@code clientid.notices.interval} (default {@code 1h}, James'
 * duration syntax) and {@code clientid.notices.perDay} (default 20).
 */
public final class NoticeLimitsConfiguration {
    public static final String INTERVAL = "clientid.notices.interval";
    public static final String PER_DAY = "clientid.notices.perDay";
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    public static final int DEFAULT_PER_DAY = 20;
    public static final NoticeLimitsConfiguration DEFAULT = of(DEFAULT_INTERVAL, DEFAULT_PER_DAY);

    public static NoticeLimitsConfiguration of(Duration interval, int perDay) {
        Preconditions.checkNotNull(interval, "'interval' is mandatory");
        Preconditions.checkArgument(!interval.isNegative() && !interval.isZero(), "'interval' must be positive");
        Preconditions.checkArgument(perDay > 0, "'perDay' must be positive");
        return new NoticeLimitsConfiguration(interval, perDay);
    }

    public static NoticeLimitsConfiguration from(Configuration configuration) throws ConfigurationException {
        String interval = configuration.getString(INTERVAL, "").trim();
        String perDay = configuration.getString(PER_DAY, "").trim();
        Duration parsedInterval;
        try {
            parsedInterval = interval.isEmpty() ? DEFAULT_INTERVAL : DurationParser.parse(interval, ChronoUnit.SECONDS);
        } catch (RuntimeException e) {
            throw new ConfigurationException(INTERVAL + ": expected a positive duration such as 30m, 1h or 1d, got '" + interval + "'", e);
        }
        if (parsedInterval.isZero() || parsedInterval.isNegative()) {
            throw new ConfigurationException(INTERVAL + ": expected a positive duration such as 30m, 1h or 1d, got '" + interval + "'");
        }
        int parsedPerDay;
        try {
            parsedPerDay = perDay.isEmpty() ? DEFAULT_PER_DAY : Integer.parseInt(perDay);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(PER_DAY + ": expected a positive whole number, got '" + perDay + "'", e);
        }
        if (parsedPerDay <= 0) {
            throw new ConfigurationException(PER_DAY + ": expected a positive whole number, got '" + perDay + "'");
        }
        return of(parsedInterval, parsedPerDay);
    }

    private final Duration interval;
    private final int perDay;

    private NoticeLimitsConfiguration(Duration interval, int perDay) {
        this.interval = interval;
        this.perDay = perDay;
    }

    public Duration getInterval() {
        return interval;
    }

    public int getPerDay() {
        return perDay;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof NoticeLimitsConfiguration) {
            NoticeLimitsConfiguration that = (NoticeLimitsConfiguration) o;
            return this.perDay == that.perDay && Objects.equals(this.interval, that.interval);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(interval, perDay);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("interval", interval)
            .add("perDay", perDay)
            .toString();
    }
}

package org.jamesclientid.cassandra;

import java.time.Duration;
import java.util.Objects;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * How long failures and uses are kept (TTL from the write), and the interval within which the activity of a
 * device (last seen, successes) is coalesced instead of written.
 */
public final class CassandraDeviceHistoryConfiguration {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(1);
    public static final Duration DEFAULT_ACTIVITY_INTERVAL = Duration.ofMinutes(5);
    public static final CassandraDeviceHistoryConfiguration DEFAULT = of(DEFAULT_RETENTION, DEFAULT_ACTIVITY_INTERVAL);

    public static CassandraDeviceHistoryConfiguration of(Duration retention, Duration activityInterval) {
        Preconditions.checkArgument(retention.getSeconds() >= 1, "retention must be at least 1 second");
        Preconditions.checkArgument(retention.getSeconds() <= Integer.MAX_VALUE, "retention is too long for a TTL");
        Preconditions.checkArgument(!activityInterval.isNegative(), "the activity interval must not be negative");
        return new CassandraDeviceHistoryConfiguration(retention, activityInterval);
    }

    private final Duration retention;
    private final Duration activityInterval;

    private CassandraDeviceHistoryConfiguration(Duration retention, Duration activityInterval) {
        this.retention = retention;
        this.activityInterval = activityInterval;
    }

    public Duration getRetention() {
        return retention;
    }

    int retentionSeconds() {
        return (int) retention.getSeconds();
    }

    /**
     * Zero disables coalescing: every save and use is written.
     */
    public Duration getActivityInterval() {
        return activityInterval;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof CassandraDeviceHistoryConfiguration) {
            CassandraDeviceHistoryConfiguration that = (CassandraDeviceHistoryConfiguration) o;
            return Objects.equals(this.retention, that.retention)
                && Objects.equals(this.activityInterval, that.activityInterval);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(retention, activityInterval);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("retention", retention)
            .add("activityInterval", activityInterval)
            .toString();
    }
}

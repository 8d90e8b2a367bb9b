package org.jamesclientid.cassandra;

import java.time.Duration;
import java.util.Objects;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * How long failures, device uses and ended throttles are kept (TTL from the write).
 */
public final class CassandraDeviceHistoryConfiguration {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(1);
    public static final CassandraDeviceHistoryConfiguration DEFAULT = of(DEFAULT_RETENTION);

    public static CassandraDeviceHistoryConfiguration of(Duration retention) {
        Preconditions.checkArgument(retention.getSeconds() >= 1, "retention must be at least 1 second");
        Preconditions.checkArgument(retention.getSeconds() <= Integer.MAX_VALUE, "retention is too long for a TTL");
        return new CassandraDeviceHistoryConfiguration(retention);
    }

    private final Duration retention;

    private CassandraDeviceHistoryConfiguration(Duration retention) {
        this.retention = retention;
    }

    public Duration getRetention() {
        return retention;
    }

    int retentionSeconds() {
        return (int) retention.getSeconds();
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof CassandraDeviceHistoryConfiguration) {
            CassandraDeviceHistoryConfiguration that = (CassandraDeviceHistoryConfiguration) o;
            return Objects.equals(this.retention, that.retention);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(retention);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("retention", retention)
            .toString();
    }
}

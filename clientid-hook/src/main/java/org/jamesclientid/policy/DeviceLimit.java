package org.jamesclientid.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * An automatic limit: {@code threshold} events of one key (a device, a device on an account, an account, an address)
 * within a sliding {@code window} block or throttle that key for {@code blockDuration}.
 */
public final class DeviceLimit {
    public static DeviceLimit of(int threshold, Duration window, Duration blockDuration) {
        Preconditions.checkArgument(threshold > 0, "threshold must be positive");
        Preconditions.checkArgument(window != null && !window.isNegative() && !window.isZero(), "window must be positive");
        Preconditions.checkArgument(blockDuration != null && !blockDuration.isNegative() && !blockDuration.isZero(),
            "blockDuration must be positive");
        return new DeviceLimit(threshold, window, blockDuration);
    }

    private final int threshold;
    private final Duration window;
    private final Duration blockDuration;

    private DeviceLimit(int threshold, Duration window, Duration blockDuration) {
        this.threshold = threshold;
        this.window = window;
        this.blockDuration = blockDuration;
    }

    public int getThreshold() {
        return threshold;
    }

    public Duration getWindow() {
        return window;
    }

    public Duration getBlockDuration() {
        return blockDuration;
    }

    /**
     * Start of the window ending at {@code now}.
     */
    public Instant windowStart(Instant now) {
        return now.minus(window);
    }

    /**
     * End of a block set at {@code now}.
     */
    public Instant blockEnd(Instant now) {
        return now.plus(blockDuration);
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof DeviceLimit) {
            DeviceLimit that = (DeviceLimit) o;
            return this.threshold == that.threshold
                && Objects.equals(this.window, that.window)
                && Objects.equals(this.blockDuration, that.blockDuration);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(threshold, window, blockDuration);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("threshold", threshold)
            .add("window", window)
            .add("blockDuration", blockDuration)
            .toString();
    }
}

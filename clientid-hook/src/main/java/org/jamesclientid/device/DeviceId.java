package org.jamesclientid.device;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import com.google.common.base.Preconditions;

/**
 * The identifier of a device: the first 12 bytes of HMAC-SHA256(server secret, type + token), as 24 lower-case
 * hexadecimal characters. It names a device without revealing its token, so it can be logged, stored and shown.
 */
public final class DeviceId {
    public static final int LENGTH = 24;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{" + LENGTH + "}");

    /**
     * @throws IllegalArgumentException unless {@code value} is 24 hexadecimal characters (either case: an id copied
     *     from a log or typed by an administrator is accepted, and kept in lower case)
     */
    public static DeviceId of(String value) {
        Preconditions.checkArgument(value != null, "A device id must not be null");
        String normalized = value.toLowerCase(Locale.US);
        Preconditions.checkArgument(FORMAT.matcher(normalized).matches(),
            "A device id is %s hexadecimal characters, got '%s'", LENGTH, value);
        return new DeviceId(normalized);
    }

    private final String value;

    private DeviceId(String value) {
        this.value = value;
    }

    public String asString() {
        return value;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof DeviceId) {
            DeviceId that = (DeviceId) o;
            return Objects.equals(this.value, that.value);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.jamesclientid.device;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an account lets a device do. A revocation may have an end (see {@link Device#effectiveStatus}).
 */
public enum DeviceStatus {
    TRUSTED("trusted"),
    PENDING("pending"),
    REVOKED("revoked");

    /**
     * @throws IllegalArgumentException naming the allowed values when {@code value} is none of them
     */
    public static DeviceStatus parse(String value) {
        return Arrays.stream(values())
            .filter(status -> status.value.equals(value == null ? null : value.trim().toLowerCase(Locale.US)))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Unknown device status '" + value + "', expecting one of "
                + Arrays.stream(values()).map(DeviceStatus::asString).collect(Collectors.joining(", "))));
    }

    private final String value;

    DeviceStatus(String value) {
        this.value = value;
    }

    public String asString() {
        return value;
    }
}

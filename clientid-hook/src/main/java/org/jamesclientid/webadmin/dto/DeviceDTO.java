package org.jamesclientid.webadmin.dto;

import java.time.Instant;
import java.util.Optional;

import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceStatus;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A device of an account as WebAdmin shows it. Holds the hint, never the token.
 */
@JsonPropertyOrder({"id", "type", "hint", "label", "status", "firstSeen", "lastSeen", "lastIp", "successes", "failures", "revokedUntil"})
public class DeviceDTO {
    /**
     * The status shown is the one AUTH applies at {@code now}: a revocation whose end has passed shows as trusted,
     * without {@code revokedUntil}.
     */
    public static DeviceDTO from(Device device, Instant now) {
        DeviceStatus status = device.effectiveStatus(now);
        return new DeviceDTO(device.getId().asString(), device.getType(), device.getHint(), device.getLabel(),
            status.asString(), ShownTime.of(device.getFirstSeen()), ShownTime.of(device.getLastSeen()), device.getLastIp(),
            device.getSuccesses(), device.getFailures(),
            device.getRevokedUntil().filter(any -> status == DeviceStatus.REVOKED).map(ShownTime::of));
    }

    private final String id;
    private final String type;
    private final String hint;
    private final Optional<String> label;
    private final String status;
    private final Instant firstSeen;
    private final Instant lastSeen;
    private final Optional<String> lastIp;
    private final long successes;
    private final long failures;
    private final Optional<Instant> revokedUntil;

    private DeviceDTO(String id, String type, String hint, Optional<String> label, String status, Instant firstSeen,
                      Instant lastSeen, Optional<String> lastIp, long successes, long failures, Optional<Instant> revokedUntil) {
        this.id = id;
        this.type = type;
        this.hint = hint;
        this.label = label;
        this.status = status;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.lastIp = lastIp;
        this.successes = successes;
        this.failures = failures;
        this.revokedUntil = revokedUntil;
    }

    public String getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public String getHint() {
        return hint;
    }

    public Optional<String> getLabel() {
        return label;
    }

    public String getStatus() {
        return status;
    }

    public Instant getFirstSeen() {
        return firstSeen;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public Optional<String> getLastIp() {
        return lastIp;
    }

    public long getSuccesses() {
        return successes;
    }

    public long getFailures() {
        return failures;
    }

    public Optional<Instant> getRevokedUntil() {
        return revokedUntil;
    }
}

package org.jamesclientid.webadmin.dto;

import java.time.Instant;
import java.util.Optional;

import org.jamesclientid.administration.DeviceView;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceStatus;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A device of an account as WebAdmin shows it. Holds the hint, never the token.
 */
@JsonPropertyOrder({"id", "type", "hint", "label", "status", "firstSeen", "lastSeen", "lastIp", "successes", "failures", "revokedUntil",
    "statusChangedBy", "statusChangedAt"})
public class DeviceDTO {
    /**
     * The status shown is the one AUTH applies at {@code now}: a revocation whose end has passed shows as trusted,
     * without {@code revokedUntil}.
     */
    public static DeviceDTO from(DeviceView view, Instant now) {
        Device device = view.getDevice();
        Optional<DeviceActivity> activity = view.getActivity();
        DeviceStatus status = device.effectiveStatus(now);
        return new DeviceDTO(device.getId().asString(), device.getType(), device.getHint(), device.getLabel(),
            status.asString(), ShownTime.of(device.getFirstSeen()),
            ShownTime.of(activity.map(DeviceActivity::getLastSeen).orElse(device.getFirstSeen())),
            activity.flatMap(DeviceActivity::getLastIp),
            activity.map(DeviceActivity::getSuccesses).orElse(0L), activity.map(DeviceActivity::getFailures).orElse(0L),
            device.getRevokedUntil().filter(any -> status == DeviceStatus.REVOKED).map(ShownTime::of),
            device.getStatusChange().getBy().asString(), ShownTime.of(device.getStatusChange().getAt()));
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
    private final String statusChangedBy;
    private final Instant statusChangedAt;

    private DeviceDTO(String id, String type, String hint, Optional<String> label, String status, Instant firstSeen,
                      Instant lastSeen, Optional<String> lastIp, long successes, long failures, Optional<Instant> revokedUntil,
                      String statusChangedBy, Instant statusChangedAt) {
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
        this.statusChangedBy = statusChangedBy;
        this.statusChangedAt = statusChangedAt;
    }

    /**
     * Who set the stored status: {@code administrator}, {@code owner} or {@code sign-in}.
     */
    public String getStatusChangedBy() {
        return statusChangedBy;
    }

    public Instant getStatusChangedAt() {
        return statusChangedAt;
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

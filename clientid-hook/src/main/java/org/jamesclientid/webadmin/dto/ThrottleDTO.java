package org.jamesclientid.webadmin.dto;

import java.time.Instant;
import java.util.Optional;

import org.jamesclientid.device.DeviceId;
import org.jamesclientid.limit.Throttle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Any throttle, as {@code GET /clientid/throttles} lists it: {@code subject} is the account, or the address (IPv4) or
 * prefix (IPv6 /64); {@code device} is set for a device on an account only.
 */
@JsonPropertyOrder({"scope", "subject", "device", "since", "until"})
public class ThrottleDTO {
    public static ThrottleDTO from(Throttle throttle) {
        return new ThrottleDTO(ThrottleScope.of(throttle.getKey()), throttle.getKey().subject(),
            throttle.getKey().deviceId().map(DeviceId::asString), ShownTime.of(throttle.getSince()), ShownTime.of(throttle.getUntil()));
    }

    private final String scope;
    private final String subject;
    private final Optional<String> device;
    private final Instant since;
    private final Instant until;

    private ThrottleDTO(String scope, String subject, Optional<String> device, Instant since, Instant until) {
        this.scope = scope;
        this.subject = subject;
        this.device = device;
        this.since = since;
        this.until = until;
    }

    public String getScope() {
        return scope;
    }

    public String getSubject() {
        return subject;
    }

    public Optional<String> getDevice() {
        return device;
    }

    public Instant getSince() {
        return since;
    }

    public Instant getUntil() {
        return until;
    }
}

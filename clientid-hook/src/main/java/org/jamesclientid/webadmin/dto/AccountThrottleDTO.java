package org.jamesclientid.webadmin.dto;

import java.time.Instant;
import java.util.Optional;

import org.jamesclientid.device.DeviceId;
import org.jamesclientid.limit.Throttle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A throttle on an account ({@code "device": null}) or on one of its devices, as
 * {@code GET /clientid/users/{user}/throttles} lists it.
 */
@JsonPropertyOrder({"scope", "device", "since", "until"})
public class AccountThrottleDTO {
    public static AccountThrottleDTO from(Throttle throttle) {
        return new AccountThrottleDTO(ThrottleScope.of(throttle.getKey()), throttle.getKey().deviceId().map(DeviceId::asString),
            ShownTime.of(throttle.getSince()), ShownTime.of(throttle.getUntil()));
    }

    private final String scope;
    private final Optional<String> device;
    private final Instant since;
    private final Instant until;

    private AccountThrottleDTO(String scope, Optional<String> device, Instant since, Instant until) {
        this.scope = scope;
        this.device = device;
        this.since = since;
        this.until = until;
    }

    public String getScope() {
        return scope;
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

package org.jamesclientid.webadmin.dto;

import java.time.Instant;

import org.jamesclientid.limit.Throttle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The throttle on an address (an IPv4 address, or an IPv6 /64 such as {@code 2001:db8:1:2::/64}).
 */
@JsonPropertyOrder({"address", "since", "until"})
public class AddressThrottleDTO {
    public static AddressThrottleDTO from(Throttle throttle) {
        return new AddressThrottleDTO(throttle.getKey().subject(), ShownTime.of(throttle.getSince()), ShownTime.of(throttle.getUntil()));
    }

    private final String address;
    private final Instant since;
    private final Instant until;

    private AddressThrottleDTO(String address, Instant since, Instant until) {
        this.address = address;
        this.since = since;
        this.until = until;
    }

    public String getAddress() {
        return address;
    }

    public Instant getSince() {
        return since;
    }

    public Instant getUntil() {
        return until;
    }
}

package org.jamesclientid.webadmin.dto;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code PUT /clientid/users/{user}/devices/{id}}: {@code status} ({@code trusted} or {@code revoked}),
 * {@code until} (revoked only, ISO-8601) and {@code label}, all as sent.
 */
public class DeviceUpdateDTO {
    private final String status;
    private final Optional<String> until;
    private final Optional<String> label;

    @JsonCreator
    public DeviceUpdateDTO(@JsonProperty("status") String status,
                           @JsonProperty("until") String until,
                           @JsonProperty("label") String label) {
        this.status = status;
        this.until = Optional.ofNullable(until);
        this.label = Optional.ofNullable(label);
    }

    public String getStatus() {
        return status;
    }

    public Optional<String> getUntil() {
        return until;
    }

    /**
     * Empty: keep the label; blank: remove it.
     */
    public Optional<String> getLabel() {
        return label;
    }
}

package org.jamesclientid.webadmin.dto;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /clientid/users/{user}/devices}: a device enrolled out of band, e.g. a licence key.
 * Fields are read as sent; the routes check them, so that errors name the field.
 */
public class DeviceEnrolmentDTO {
    private final String type;
    private final String token;
    private final Optional<String> label;

    @JsonCreator
    public DeviceEnrolmentDTO(@JsonProperty("type") String type,
                              @JsonProperty("token") String token,
                              @JsonProperty("label") String label) {
        this.type = type;
        this.token = token;
        this.label = Optional.ofNullable(label);
    }

    public String getType() {
        return type;
    }

    /**
     * The raw token: hash it, never log or return it.
     */
    public String getToken() {
        return token;
    }

    public Optional<String> getLabel() {
        return label;
    }

    @Override
    public String toString() {
        return "DeviceEnrolmentDTO{type=" + type + ", token=<hidden>, label=" + label + "}";
    }
}

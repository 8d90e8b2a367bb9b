package org.jamesclientid.webadmin.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of {@code PUT /clientid/users/{user}/policy}: {@code {"mode", "requireClientId"?}}. Without
 * {@code requireClientId} the global value of each protocol applies to the account.
 */
@JsonPropertyOrder({"mode", "requireClientId"})
public class PolicyDTO {
    private final String mode;
    private final Boolean requireClientId;

    @JsonCreator
    public PolicyDTO(@JsonProperty("mode") String mode,
                     @JsonProperty("requireClientId") Boolean requireClientId) {
        this.mode = mode;
        this.requireClientId = requireClientId;
    }

    public String getMode() {
        return mode;
    }

    /**
     * Null when a request body misses it: the account follows the global value.
     */
    public Boolean getRequireClientId() {
        return requireClientId;
    }
}

package org.jamesclientid.webadmin.dto;

import org.jamesclientid.policy.AccountPolicy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The policy of an account, {@code {"mode", "requireClientId"}}: body of {@code GET} and {@code PUT}
 * {@code /clientid/users/{user}/policy}.
 */
@JsonPropertyOrder({"mode", "requireClientId"})
public class PolicyDTO {
    public static PolicyDTO from(AccountPolicy policy) {
        return new PolicyDTO(policy.getMode().asString(), policy.isRequireClientId());
    }

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
     * Null when a request body misses it.
     */
    public Boolean getRequireClientId() {
        return requireClientId;
    }
}

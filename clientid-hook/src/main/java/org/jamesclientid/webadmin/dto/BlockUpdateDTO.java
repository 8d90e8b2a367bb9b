package org.jamesclientid.webadmin.dto;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code PUT /clientid/blocked/{id}}: the block's new end ({@code until}, ISO-8601; absent: no end) and
 * {@code reason} (absent: none), as sent.
 */
public class BlockUpdateDTO {
    private final Optional<String> until;
    private final Optional<String> reason;

    @JsonCreator
    public BlockUpdateDTO(@JsonProperty("until") String until,
                          @JsonProperty("reason") String reason) {
        this.until = Optional.ofNullable(until);
        this.reason = Optional.ofNullable(reason);
    }

    public Optional<String> getUntil() {
        return until;
    }

    public Optional<String> getReason() {
        return reason;
    }
}

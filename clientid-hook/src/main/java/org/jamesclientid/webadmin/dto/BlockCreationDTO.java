package org.jamesclientid.webadmin.dto;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /clientid/blocked}: the device as a client presents it ({@code type}, {@code token}), and an
 * optional end ({@code until}, ISO-8601) and {@code reason}, all as sent.
 */
public class BlockCreationDTO {
    private final String type;
    private final String token;
    private final Optional<String> until;
    private final Optional<String> reason;

    @JsonCreator
    public BlockCreationDTO(@JsonProperty("type") String type,
                            @JsonProperty("token") String token,
                            @JsonProperty("until") String until,
                            @JsonProperty("reason") String reason) {
        this.type = type;
        this.token = token;
        this.until = Optional.ofNullable(until);
        this.reason = Optional.ofNullable(reason);
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

    public Optional<String> getUntil() {
        return until;
    }

    public Optional<String> getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return "BlockCreationDTO{type=" + type + ", token=<hidden>, until=" + until + ", reason=" + reason + "}";
    }
}

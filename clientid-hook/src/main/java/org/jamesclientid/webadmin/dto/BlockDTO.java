package org.jamesclientid.webadmin.dto;

import java.time.Instant;
import java.util.Optional;

import org.jamesclientid.device.Block;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A blocked device as {@code GET /clientid/blocked} lists it. An administrator's ended block is kept, with
 * {@code active} false; an automatic one is forgotten once ended.
 */
@JsonPropertyOrder({"id", "setBy", "createdAt", "until", "reason", "active"})
public class BlockDTO {
    public static BlockDTO from(Block block, Instant now) {
        return new BlockDTO(block.getDeviceId().asString(), block.getSetBy().asString(), ShownTime.of(block.getCreatedAt()), block.getUntil().map(ShownTime::of),
            block.getReason(), block.isActive(now));
    }

    private final String id;
    private final String setBy;
    private final Instant createdAt;
    private final Optional<Instant> until;
    private final Optional<String> reason;
    private final boolean active;

    private BlockDTO(String id, String setBy, Instant createdAt, Optional<Instant> until, Optional<String> reason, boolean active) {
        this.id = id;
        this.setBy = setBy;
        this.createdAt = createdAt;
        this.until = until;
        this.reason = reason;
        this.active = active;
    }

    public String getId() {
        return id;
    }

    /**
     * {@code administrator} or {@code automatic}.
     */
    public String getSetBy() {
        return setBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Optional<Instant> getUntil() {
        return until;
    }

    public Optional<String> getReason() {
        return reason;
    }

    public boolean isActive() {
        return active;
    }
}

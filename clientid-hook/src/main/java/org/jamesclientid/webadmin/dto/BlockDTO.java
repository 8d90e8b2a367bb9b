package org.jamesclientid.webadmin.dto;

import java.time.Instant;
import java.util.Optional;

import org.jamesclientid.device.Block;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A blocked device as {@code GET /clientid/blocked} lists it. Expired blocks are kept, with {@code active} false.
 */
@JsonPropertyOrder({"id", "createdAt", "until", "reason", "active"})
public class BlockDTO {
    public static BlockDTO from(Block block, Instant now) {
        return new BlockDTO(block.getDeviceId().asString(), ShownTime.of(block.getCreatedAt()), block.getUntil().map(ShownTime::of),
            block.getReason(), block.isActive(now));
    }

    private final String id;
    private final Instant createdAt;
    private final Optional<Instant> until;
    private final Optional<String> reason;
    private final boolean active;

    private BlockDTO(String id, Instant createdAt, Optional<Instant> until, Optional<String> reason, boolean active) {
        this.id = id;
        this.createdAt = createdAt;
        this.until = until;
        this.reason = reason;
        this.active = active;
    }

    public String getId() {
        return id;
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

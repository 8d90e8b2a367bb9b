package org.jamesclientid.administration;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import javax.inject.Inject;

import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.DeviceBlocks;
import org.jamesclientid.device.DeviceId;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Administrators' blocks. Their block or unblock always wins over an automatic one: setting one lifts the automatic
 * block, lifting one lifts both ({@link BlockRepository}).
 */
public class BlockAdministration {
    private final BlockRepository blocks;
    private final Clock clock;

    @Inject
    public BlockAdministration(BlockRepository blocks, Clock clock) {
        this.blocks = blocks;
        this.clock = clock;
    }

    public Flux<Block> list() {
        return blocks.list();
    }

    public Mono<DeviceBlocks> blocks(DeviceId deviceId) {
        return blocks.blocks(deviceId);
    }

    /**
     * Blocks the device from now, replacing any block it has.
     */
    public Mono<Block> block(DeviceId deviceId, Optional<Instant> until, Optional<String> reason) {
        Block block = Block.of(deviceId, Actor.ADMINISTRATOR, clock.instant(), until, reason);
        return blocks.block(block).thenReturn(block);
    }

    /**
     * Replaces the end and reason of the administrator's block of the device (which keeps its creation time), or
     * blocks it from now.
     */
    public Mono<Block> update(DeviceId deviceId, Optional<Instant> until, Optional<String> reason) {
        Instant now = clock.instant();
        return blocks.blocks(deviceId)
            .map(current -> current.getAdministrator().map(Block::getCreatedAt).orElse(now))
            .defaultIfEmpty(now)
            .map(createdAt -> Block.of(deviceId, Actor.ADMINISTRATOR, createdAt, until, reason))
            .flatMap(block -> blocks.block(block).thenReturn(block));
    }

    /**
     * Lifts every block of the device; false when it had none.
     */
    public Mono<Boolean> unblock(DeviceId deviceId) {
        return blocks.blocks(deviceId)
            .filter(current -> !current.equals(DeviceBlocks.NONE))
            .flatMap(current -> blocks.unblock(deviceId).thenReturn(true))
            .defaultIfEmpty(false);
    }

    public Instant now() {
        return clock.instant();
    }
}

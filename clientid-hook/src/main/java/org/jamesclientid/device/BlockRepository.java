package org.jamesclientid.device;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blocks of devices, on every account. A device has at most one administrator's block and one automatic block,
 * stored apart: an automatic block never shortens, replaces or lifts an administrator's, and an administrator's
 * block or unblock lifts the automatic one. Automatic blocks are forgotten once they have ended.
 */
public interface BlockRepository {
    /**
     * Both blocks of the device; {@link DeviceBlocks#NONE} when it has none.
     */
    Mono<DeviceBlocks> blocks(DeviceId deviceId);

    /**
     * Sets or replaces the device's automatic block ({@link Block#isAutomatic()}), leaving an administrator's alone.
     * It must have an end: it is forgotten then.
     */
    Mono<Void> blockAutomatically(Block block);

    /**
     * Sets or replaces the device's administrator block, and lifts its automatic one.
     */
    Mono<Void> block(Block block);

    /**
     * Lifts both blocks of the device (an administrator's unblock).
     */
    Mono<Void> unblock(DeviceId deviceId);

    /**
     * Every block stored, administrators' and automatic ones, in the store's order.
     */
    Flux<Block> list();

    /**
     * Moves the device's blocks to its id under a new secret; blocks already under {@code to} stay.
     */
    Mono<Void> rekey(DeviceId from, DeviceId to);
}

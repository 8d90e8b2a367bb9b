package org.jamesclientid.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link BlockRepository} in the JVM heap. An automatic block is kept, by the clock, as long after its write as it
 * lasts from its creation (as a Cassandra TTL would); ended ones are dropped each time an automatic block is set, so
 * that they take room only while they last.
 */
public class MemoryBlockRepository implements BlockRepository {
    private static final class Automatic {
        private final Block block;
        private final Instant expiresAt;

        private Automatic(Block block, Instant expiresAt) {
            this.block = block;
            this.expiresAt = expiresAt;
        }

        private boolean isLive(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private final Clock clock;
    private final Map<DeviceId, Block> administratorBlocks = new ConcurrentHashMap<>();
    private final Map<DeviceId, Automatic> automaticBlocks = new ConcurrentHashMap<>();

    @Inject
    public MemoryBlockRepository(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<DeviceBlocks> blocks(DeviceId deviceId) {
        return Mono.fromCallable(() -> DeviceBlocks.of(Optional.ofNullable(administratorBlocks.get(deviceId)),
            Optional.ofNullable(automaticBlocks.get(deviceId)).filter(automatic -> automatic.isLive(clock.instant())).map(automatic -> automatic.block)));
    }

    @Override
    public Mono<Void> blockAutomatically(Block block) {
        Preconditions.checkArgument(block.isAutomatic() && block.getUntil().isPresent(), "an automatic block has an end");
        return Mono.fromRunnable(() -> {
            Instant now = clock.instant();
            automaticBlocks.values().removeIf(ended -> !ended.isLive(now));
            automaticBlocks.put(block.getDeviceId(), new Automatic(block, now.plus(Duration.between(block.getCreatedAt(), block.getUntil().get()))));
        });
    }

    @Override
    public Mono<Void> block(Block block) {
        Preconditions.checkArgument(!block.isAutomatic(), "not an administrator's block");
        return Mono.fromRunnable(() -> {
            administratorBlocks.put(block.getDeviceId(), block);
            automaticBlocks.remove(block.getDeviceId());
        });
    }

    @Override
    public Mono<Void> unblock(DeviceId deviceId) {
        return Mono.fromRunnable(() -> {
            administratorBlocks.remove(deviceId);
            automaticBlocks.remove(deviceId);
        });
    }

    @Override
    public Flux<Block> list() {
        return Flux.defer(() -> Flux.concat(
            Flux.fromIterable(ImmutableList.copyOf(administratorBlocks.values())),
            Flux.fromIterable(ImmutableList.copyOf(automaticBlocks.values()))
                .filter(automatic -> automatic.isLive(clock.instant()))
                .map(automatic -> automatic.block)));
    }

    @Override
    public Mono<Void> rekey(DeviceId from, DeviceId to) {
        return Mono.fromRunnable(() -> {
            Block moved = administratorBlocks.get(from);
            if (moved != null) {
                administratorBlocks.putIfAbsent(to, moved.withDeviceId(to));
                administratorBlocks.remove(from, moved);
            }
            Automatic movedAutomatic = automaticBlocks.get(from);
            if (movedAutomatic != null) {
                automaticBlocks.putIfAbsent(to, new Automatic(movedAutomatic.block.withDeviceId(to), movedAutomatic.expiresAt));
                automaticBlocks.remove(from, movedAutomatic);
            }
        });
    }
}

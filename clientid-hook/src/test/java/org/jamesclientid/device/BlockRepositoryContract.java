package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * What every {@link BlockRepository} must do: an automatic block never touches an administrator's.
 */
public interface BlockRepositoryContract {
    DeviceId DEVICE_1 = DeviceId.of("0123456789abcdef01234567");
    DeviceId DEVICE_2 = DeviceId.of("89abcdef0123456789abcdef");

    BlockRepository testee();

    /**
     * The time the store's clock reads now: automatic blocks end relative to it, since they expire from storage.
     */
    Instant now();

    void letTimePass(Duration duration);

    default Block administrators(DeviceId id, Optional<Instant> until) {
        return Block.of(id, Actor.ADMINISTRATOR, now(), until, Optional.of("stolen laptop"));
    }

    default Block automatic(DeviceId id, Duration lasting) {
        return Block.of(id, Actor.AUTOMATIC, now(), Optional.of(now().plus(lasting)), Optional.of("too many failures"));
    }

    @Test
    default void blocksShouldBeNoneWhenNotBlocked() {
        assertThat(testee().blocks(DEVICE_1).block()).isEqualTo(DeviceBlocks.NONE);
    }

    @Test
    default void blockShouldStoreEveryField() {
        BlockRepository testee = testee();
        Block block = administrators(DEVICE_1, Optional.of(now().plusSeconds(3600)));

        testee.block(block).block();

        assertThat(testee.blocks(DEVICE_1).block()).isEqualTo(DeviceBlocks.of(Optional.of(block), Optional.empty()));
        assertThat(testee.blocks(DEVICE_2).block()).isEqualTo(DeviceBlocks.NONE);
    }

    @Test
    default void blockShouldStoreAnAdministratorsBlockWithoutEndOrReason() {
        BlockRepository testee = testee();
        Block block = Block.of(DEVICE_1, Actor.ADMINISTRATOR, now(), Optional.empty(), Optional.empty());

        testee.block(block).block();

        assertThat(testee.blocks(DEVICE_1).block().getAdministrator()).contains(block);
    }

    @Test
    default void automaticBlockShouldNotReplaceAnAdministratorsBlock() {
        BlockRepository testee = testee();
        Block forever = administrators(DEVICE_1, Optional.empty());
        testee.block(forever).block();

        testee.blockAutomatically(automatic(DEVICE_1, Duration.ofMinutes(15))).block();

        DeviceBlocks blocks = testee.blocks(DEVICE_1).block();
        assertThat(blocks.getAdministrator()).contains(forever);
        assertThat(blocks.activeAt(now().plus(Duration.ofDays(365)))).contains(forever);
    }

    @Test
    default void administratorsBlockShouldLiftTheAutomaticOne() {
        BlockRepository testee = testee();
        testee.blockAutomatically(automatic(DEVICE_1, Duration.ofHours(1))).block();
        Block shorter = administrators(DEVICE_1, Optional.of(now().plusSeconds(60)));

        testee.block(shorter).block();

        assertThat(testee.blocks(DEVICE_1).block()).isEqualTo(DeviceBlocks.of(Optional.of(shorter), Optional.empty()));
    }

    @Test
    default void unblockShouldLiftBothBlocks() {
        BlockRepository testee = testee();
        testee.block(administrators(DEVICE_1, Optional.empty())).block();
        testee.blockAutomatically(automatic(DEVICE_1, Duration.ofHours(1))).block();
        testee.blockAutomatically(automatic(DEVICE_2, Duration.ofHours(1))).block();

        testee.unblock(DEVICE_1).block();

        assertThat(testee.blocks(DEVICE_1).block()).isEqualTo(DeviceBlocks.NONE);
        assertThat(testee.blocks(DEVICE_2).block().getAutomatic()).isPresent();
    }

    @Test
    default void blockAutomaticallyShouldRefuseABlockWithoutEnd() {
        BlockRepository testee = testee();

        assertThatThrownBy(() -> testee.blockAutomatically(Block.of(DEVICE_1, Actor.AUTOMATIC, now(), Optional.empty(), Optional.empty())).block())
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void automaticBlockShouldBeForgottenOnceEnded() {
        BlockRepository testee = testee();
        testee.blockAutomatically(automatic(DEVICE_1, Duration.ofSeconds(2))).block();

        letTimePass(Duration.ofSeconds(3));

        assertThat(testee.blocks(DEVICE_1).block()).isEqualTo(DeviceBlocks.NONE);
        assertThat(testee.list().collectList().block()).isEmpty();
    }

    @Test
    default void listShouldHoldBothKinds() {
        BlockRepository testee = testee();
        Block administrators = administrators(DEVICE_1, Optional.empty());
        Block automatic = automatic(DEVICE_2, Duration.ofHours(1));
        testee.block(administrators).block();
        testee.blockAutomatically(automatic).block();

        assertThat(testee.list().collectList().block()).containsExactlyInAnyOrder(administrators, automatic);
    }

    @Test
    default void rekeyShouldMoveBothBlocks() {
        BlockRepository testee = testee();
        Block administrators = administrators(DEVICE_1, Optional.empty());
        testee.block(administrators).block();

        testee.rekey(DEVICE_1, DEVICE_2).block();

        assertThat(testee.blocks(DEVICE_1).block()).isEqualTo(DeviceBlocks.NONE);
        assertThat(testee.blocks(DEVICE_2).block().getAdministrator()).contains(administrators.withDeviceId(DEVICE_2));
    }
}

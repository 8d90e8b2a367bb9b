package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What every {@link DeviceHistory} must do. Uses fixed instants only: stores must not read the wall clock to give
 * meaning to the times they are given.
 */
public interface DeviceHistoryContract {
    Username ALICE = Username.of("alice@example.com");
    Username BOB = Username.of("bob@example.com");
    Username CAROL = Username.of("carol@example.com");
    DeviceId DEVICE_1 = DeviceId.of("0123456789abcdef01234567");
    DeviceId DEVICE_2 = DeviceId.of("89abcdef0123456789abcdef");
    Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    Instant T1 = T0.plus(Duration.ofMinutes(5));
    Instant T2 = T0.plus(Duration.ofMinutes(10));
    Instant T3 = T0.plus(Duration.ofMinutes(20));
    AccountPolicy ENFORCE = AccountPolicy.of(ClientIdMode.ENFORCE, true);
    AccountPolicy OFF = AccountPolicy.of(ClientIdMode.OFF, false);

    DeviceHistory deviceHistory();

    static Device device(DeviceId id) {
        return Device.builder()
            .id(id)
            .type("UUID")
            .hint("23bf...d1a3")
            .status(DeviceStatus.TRUSTED)
            .firstSeen(T0)
            .build();
    }

    static Device fullDevice(DeviceId id) {
        return Device.builder()
            .id(id)
            .type("LICENCE")
            .hint("ab...")
            .label(Optional.of("Alice's laptop"))
            .status(DeviceStatus.REVOKED)
            .firstSeen(T0)
            .lastSeen(T2)
            .lastIp(Optional.of("2001:db8::1"))
            .successes(42)
            .failures(3)
            .revokedUntil(Optional.of(T3))
            .build();
    }

    // Devices of an account

    @Test
    default void deviceShouldBeEmptyWhenUnknownUser() {
        assertThat(deviceHistory().device(ALICE, DEVICE_1).blockOptional()).isEmpty();
    }

    @Test
    default void deviceShouldBeEmptyWhenAccountHasOnlyOtherDevices() {
        deviceHistory().save(ALICE, device(DEVICE_2)).block();

        assertThat(deviceHistory().device(ALICE, DEVICE_1).blockOptional()).isEmpty();
    }

    @Test
    default void deviceShouldReturnEveryFieldWhenSaved() {
        deviceHistory().save(ALICE, fullDevice(DEVICE_1)).block();

        assertThat(deviceHistory().device(ALICE, DEVICE_1).block()).isEqualTo(fullDevice(DEVICE_1));
    }

    @Test
    default void deviceShouldReturnEmptyOptionalsWhenSavedWithout() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();

        assertThat(deviceHistory().device(ALICE, DEVICE_1).block()).isEqualTo(device(DEVICE_1));
    }

    @Test
    default void saveShouldReplaceWhenSameDeviceIsSavedAgain() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        Device updated = device(DEVICE_1).succeeded(T1, Optional.of("192.0.2.1")).withLabel(Optional.of("phone"));

        deviceHistory().save(ALICE, updated).block();

        assertThat(deviceHistory().devices(ALICE).collectList().block()).containsExactly(updated);
    }

    @Test
    default void saveShouldRemoveOptionalsWhenReplacedWithout() {
        deviceHistory().save(ALICE, fullDevice(DEVICE_1)).block();

        deviceHistory().save(ALICE, device(DEVICE_1)).block();

        assertThat(deviceHistory().device(ALICE, DEVICE_1).block()).isEqualTo(device(DEVICE_1));
    }

    @Test
    default void saveShouldKeepAccountsApartWhenTheySeeTheSameDevice() {
        Device pendingForBob = device(DEVICE_1).pending();
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().save(BOB, pendingForBob).block();

        assertThat(deviceHistory().device(ALICE, DEVICE_1).block()).isEqualTo(device(DEVICE_1));
        assertThat(deviceHistory().device(BOB, DEVICE_1).block()).isEqualTo(pendingForBob);
    }

    @Test
    default void devicesShouldBeEmptyWhenUnknownUser() {
        assertThat(deviceHistory().devices(ALICE).collectList().block()).isEmpty();
    }

    @Test
    default void devicesShouldListEveryDeviceOfTheAccountOnly() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().save(ALICE, fullDevice(DEVICE_2)).block();
        deviceHistory().save(BOB, device(DEVICE_1).pending()).block();

        assertThat(deviceHistory().devices(ALICE).collectList().block())
            .containsExactlyInAnyOrder(device(DEVICE_1), fullDevice(DEVICE_2));
    }

    @Test
    default void hasAnyDeviceShouldBeFalseWhenUnknownUser() {
        assertThat(deviceHistory().hasAnyDevice(ALICE).block()).isFalse();
    }

    @Test
    default void hasAnyDeviceShouldBeTrueWhenADeviceIsSaved() {
        deviceHistory().save(ALICE, device(DEVICE_1).pending()).block();

        assertThat(deviceHistory().hasAnyDevice(ALICE).block()).isTrue();
        assertThat(deviceHistory().hasAnyDevice(BOB).block()).isFalse();
    }

    @Test
    default void hasAnyDeviceShouldBeFalseWhenLastDeviceIsDeleted() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();

        deviceHistory().delete(ALICE, DEVICE_1).block();

        assertThat(deviceHistory().hasAnyDevice(ALICE).block()).isFalse();
    }

    @Test
    default void deleteShouldRemoveOnlyThatDeviceOfThatAccount() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().save(ALICE, device(DEVICE_2)).block();
        deviceHistory().save(BOB, device(DEVICE_1)).block();

        deviceHistory().delete(ALICE, DEVICE_1).block();

        assertThat(deviceHistory().devices(ALICE).collectList().block()).containsExactly(device(DEVICE_2));
        assertThat(deviceHistory().devices(BOB).collectList().block()).containsExactly(device(DEVICE_1));
    }

    @Test
    default void deleteShouldNotFailWhenUnknownDevice() {
        assertThatCode(() -> deviceHistory().delete(ALICE, DEVICE_1).block()).doesNotThrowAnyException();
    }

    // User data deletion

    @Test
    default void deleteAllShouldRemoveDevicesPolicyAndUsesOfTheAccount() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().setPolicy(ALICE, ENFORCE).block();
        deviceHistory().recordUse(DEVICE_1, ALICE, T0).block();

        deviceHistory().deleteAll(ALICE).block();

        assertThat(deviceHistory().devices(ALICE).collectList().block()).isEmpty();
        assertThat(deviceHistory().hasAnyDevice(ALICE).block()).isFalse();
        assertThat(deviceHistory().policy(ALICE).blockOptional()).isEmpty();
        assertThat(deviceHistory().accounts(DEVICE_1).collectList().block()).isEmpty();
    }

    @Test
    default void deleteAllShouldKeepOtherAccountsOfTheDevice() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().save(BOB, device(DEVICE_1)).block();
        deviceHistory().setPolicy(BOB, ENFORCE).block();
        deviceHistory().recordUse(DEVICE_1, ALICE, T0).block();
        deviceHistory().recordUse(DEVICE_1, BOB, T1).block();

        deviceHistory().deleteAll(ALICE).block();

        assertThat(deviceHistory().accounts(DEVICE_1).collectList().block())
            .containsExactly(AccountUse.of(BOB, DEVICE_1, T1));
        assertThat(deviceHistory().devices(BOB).collectList().block()).containsExactly(device(DEVICE_1));
        assertThat(deviceHistory().policy(BOB).block()).isEqualTo(ENFORCE);
    }

    @Test
    default void deleteAllShouldKeepFailuresAndBlocksOfTheDevice() {
        Block block = Block.of(DEVICE_1, T0, Optional.empty(), Optional.of("stolen"));
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().recordFailure(DEVICE_1, T0).block();
        deviceHistory().saveBlock(block).block();

        deviceHistory().deleteAll(ALICE).block();

        assertThat(deviceHistory().failuresSince(DEVICE_1, T0).block()).isEqualTo(1);
        assertThat(deviceHistory().findBlock(DEVICE_1).block()).isEqualTo(block);
    }

    @Test
    default void deleteAllShouldNotFailWhenUnknownUser() {
        assertThatCode(() -> deviceHistory().deleteAll(ALICE).block()).doesNotThrowAnyException();
    }

    // User rename

    @Test
    default void renameShouldMoveDevicesPolicyAndUses() {
        deviceHistory().save(ALICE, fullDevice(DEVICE_1)).block();
        deviceHistory().save(ALICE, device(DEVICE_2)).block();
        deviceHistory().setPolicy(ALICE, ENFORCE).block();
        deviceHistory().recordUse(DEVICE_1, ALICE, T1).block();

        deviceHistory().rename(ALICE, CAROL).block();

        assertThat(deviceHistory().devices(CAROL).collectList().block())
            .containsExactlyInAnyOrder(fullDevice(DEVICE_1), device(DEVICE_2));
        assertThat(deviceHistory().policy(CAROL).block()).isEqualTo(ENFORCE);
        assertThat(deviceHistory().accounts(DEVICE_1).collectList().block())
            .containsExactly(AccountUse.of(CAROL, DEVICE_1, T1));
    }

    @Test
    default void renameShouldLeaveNothingUnderTheOldName() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().setPolicy(ALICE, ENFORCE).block();
        deviceHistory().recordUse(DEVICE_1, ALICE, T1).block();

        deviceHistory().rename(ALICE, CAROL).block();

        assertThat(deviceHistory().devices(ALICE).collectList().block()).isEmpty();
        assertThat(deviceHistory().hasAnyDevice(ALICE).block()).isFalse();
        assertThat(deviceHistory().policy(ALICE).blockOptional()).isEmpty();
        assertThat(deviceHistory().accounts(DEVICE_1).map(AccountUse::getUsername).collectList().block())
            .doesNotContain(ALICE);
    }

    @Test
    default void renameShouldReplaceTheSameDeviceAndKeepOthersOfTheTarget() {
        deviceHistory().save(ALICE, fullDevice(DEVICE_1)).block();
        deviceHistory().save(CAROL, device(DEVICE_1)).block();
        deviceHistory().save(CAROL, device(DEVICE_2)).block();

        deviceHistory().rename(ALICE, CAROL).block();

        assertThat(deviceHistory().devices(CAROL).collectList().block())
            .containsExactlyInAnyOrder(fullDevice(DEVICE_1), device(DEVICE_2));
    }

    @Test
    default void renameShouldKeepOtherAccountsOfTheDevice() {
        deviceHistory().recordUse(DEVICE_1, ALICE, T1).block();
        deviceHistory().recordUse(DEVICE_1, BOB, T2).block();

        deviceHistory().rename(ALICE, CAROL).block();

        assertThat(deviceHistory().accounts(DEVICE_1).collectList().block())
            .containsExactlyInAnyOrder(AccountUse.of(CAROL, DEVICE_1, T1), AccountUse.of(BOB, DEVICE_1, T2));
    }

    @Test
    default void renameShouldNotFailWhenUnknownUser() {
        deviceHistory().rename(ALICE, CAROL).block();

        assertThat(deviceHistory().devices(CAROL).collectList().block()).isEmpty();
        assertThat(deviceHistory().policy(CAROL).blockOptional()).isEmpty();
    }

    // Rotation of the secret: a device moved to its new id

    @Test
    default void rekeyShouldMoveEveryFieldOfTheDeviceToTheNewId() {
        deviceHistory().save(ALICE, fullDevice(DEVICE_1)).block();

        deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(deviceHistory().device(ALICE, DEVICE_2).block()).isEqualTo(fullDevice(DEVICE_2));
        assertThat(deviceHistory().device(ALICE, DEVICE_1).blockOptional()).isEmpty();
        assertThat(deviceHistory().devices(ALICE).collectList().block()).containsExactly(fullDevice(DEVICE_2));
    }

    @Test
    default void rekeyShouldMoveTheBlockOfTheDevice() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().saveBlock(Block.of(DEVICE_1, T0, Optional.of(T3), Optional.of("stolen"))).block();

        deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(deviceHistory().findBlock(DEVICE_2).block())
            .isEqualTo(Block.of(DEVICE_2, T0, Optional.of(T3), Optional.of("stolen")));
        assertThat(deviceHistory().findBlock(DEVICE_1).blockOptional()).isEmpty();
        assertThat(deviceHistory().blocks().collectList().block()).hasSize(1);
    }

    @Test
    default void rekeyShouldMoveTheUsesOfEveryAccountOfTheDevice() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().recordUse(DEVICE_1, ALICE, T1).block();
        deviceHistory().recordUse(DEVICE_1, BOB, T2).block();

        deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(deviceHistory().accounts(DEVICE_2).collectList().block())
            .containsExactlyInAnyOrder(AccountUse.of(ALICE, DEVICE_2, T1), AccountUse.of(BOB, DEVICE_2, T2));
        assertThat(deviceHistory().accounts(DEVICE_1).collectList().block()).isEmpty();
    }

    @Test
    default void rekeyShouldKeepTheLatestUseWhenTheNewIdHasOneAlready() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().recordUse(DEVICE_1, ALICE, T1).block();
        deviceHistory().recordUse(DEVICE_2, ALICE, T2).block();

        deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(deviceHistory().accounts(DEVICE_2).collectList().block()).containsExactly(AccountUse.of(ALICE, DEVICE_2, T2));
    }

    @Test
    default void rekeyShouldMoveTheFailuresOfTheDevice() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().recordFailure(DEVICE_1, T1).block();
        deviceHistory().recordFailure(DEVICE_1, T2).block();

        deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(deviceHistory().failuresSince(DEVICE_2, T0).block()).isEqualTo(2);
        assertThat(deviceHistory().failuresSince(DEVICE_2, T2).block()).isEqualTo(1);
        assertThat(deviceHistory().failuresSince(DEVICE_1, T0).block()).isZero();
    }

    @Test
    default void rekeyShouldKeepOtherAccountsRecordsOfTheOldIdUntilTheyMoveThem() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().save(BOB, fullDevice(DEVICE_1)).block();

        deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(deviceHistory().device(BOB, DEVICE_1).block()).isEqualTo(fullDevice(DEVICE_1));

        deviceHistory().rekey(BOB, DEVICE_1, DEVICE_2).block();

        assertThat(deviceHistory().device(BOB, DEVICE_2).block()).isEqualTo(fullDevice(DEVICE_2));
        assertThat(deviceHistory().device(BOB, DEVICE_1).blockOptional()).isEmpty();
    }

    @Test
    default void rekeyShouldDoNothingWhenTheAccountDoesNotKnowTheOldId() {
        deviceHistory().save(BOB, device(DEVICE_1)).block();
        deviceHistory().saveBlock(Block.of(DEVICE_1, T0, Optional.empty(), Optional.empty())).block();
        deviceHistory().recordUse(DEVICE_1, BOB, T1).block();
        deviceHistory().recordFailure(DEVICE_1, T1).block();

        deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(deviceHistory().devices(ALICE).collectList().block()).isEmpty();
        assertThat(deviceHistory().findBlock(DEVICE_1).blockOptional()).isPresent();
        assertThat(deviceHistory().findBlock(DEVICE_2).blockOptional()).isEmpty();
        assertThat(deviceHistory().accounts(DEVICE_1).collectList().block()).containsExactly(AccountUse.of(BOB, DEVICE_1, T1));
        assertThat(deviceHistory().failuresSince(DEVICE_1, T0).block()).isEqualTo(1);
        assertThat(deviceHistory().failuresSince(DEVICE_2, T0).block()).isZero();
    }

    @Test
    default void rekeyShouldKeepTheRecordAndTheBlockAlreadyUnderTheNewId() {
        Device newer = device(DEVICE_2).pending();
        deviceHistory().save(ALICE, fullDevice(DEVICE_1)).block();
        deviceHistory().save(ALICE, newer).block();
        deviceHistory().saveBlock(Block.of(DEVICE_1, T0, Optional.of(T1), Optional.of("old"))).block();
        deviceHistory().saveBlock(Block.of(DEVICE_2, T2, Optional.empty(), Optional.of("new"))).block();

        deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(deviceHistory().devices(ALICE).collectList().block()).containsExactly(newer);
        assertThat(deviceHistory().blocks().collectList().block())
            .containsExactly(Block.of(DEVICE_2, T2, Optional.empty(), Optional.of("new")));
    }

    @Test
    default void rekeyShouldBeIdempotent() {
        deviceHistory().save(ALICE, fullDevice(DEVICE_1)).block();
        deviceHistory().saveBlock(Block.of(DEVICE_1, T0, Optional.empty(), Optional.empty())).block();
        deviceHistory().recordUse(DEVICE_1, ALICE, T1).block();
        deviceHistory().recordFailure(DEVICE_1, T1).block();

        deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).block();
        deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(deviceHistory().devices(ALICE).collectList().block()).containsExactly(fullDevice(DEVICE_2));
        assertThat(deviceHistory().blocks().collectList().block())
            .containsExactly(Block.of(DEVICE_2, T0, Optional.empty(), Optional.empty()));
        assertThat(deviceHistory().accounts(DEVICE_2).collectList().block()).containsExactly(AccountUse.of(ALICE, DEVICE_2, T1));
        assertThat(deviceHistory().failuresSince(DEVICE_2, T0).block()).isEqualTo(1);
    }

    @Test
    default void concurrentRekeysShouldLeaveOneRecordWithItsStatusAndCountFailuresOnce() {
        deviceHistory().save(ALICE, fullDevice(DEVICE_1)).block();
        deviceHistory().recordFailure(DEVICE_1, T1).block();

        Flux.range(0, 8)
            .flatMap(any -> deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).subscribeOn(Schedulers.parallel()))
            .then()
            .block();

        assertThat(deviceHistory().devices(ALICE).collectList().block()).containsExactly(fullDevice(DEVICE_2));
        assertThat(deviceHistory().failuresSince(DEVICE_2, T0).block()).isEqualTo(1);
    }

    @Test
    default void rekeyShouldNotFailWhenUnknownUser() {
        assertThatCode(() -> deviceHistory().rekey(ALICE, DEVICE_1, DEVICE_2).block()).doesNotThrowAnyException();
    }

    // Accounts of a device

    @Test
    default void accountsShouldBeEmptyWhenUnknownDevice() {
        assertThat(deviceHistory().accounts(DEVICE_1).collectList().block()).isEmpty();
    }

    @Test
    default void accountsShouldListEveryAccountOfTheDeviceOnly() {
        deviceHistory().recordUse(DEVICE_1, ALICE, T0).block();
        deviceHistory().recordUse(DEVICE_1, BOB, T1).block();
        deviceHistory().recordUse(DEVICE_2, CAROL, T1).block();

        assertThat(deviceHistory().accounts(DEVICE_1).collectList().block())
            .containsExactlyInAnyOrder(AccountUse.of(ALICE, DEVICE_1, T0), AccountUse.of(BOB, DEVICE_1, T1));
    }

    @Test
    default void recordUseShouldKeepTheLatestTimeWhenRecordedTwice() {
        deviceHistory().recordUse(DEVICE_1, ALICE, T0).block();
        deviceHistory().recordUse(DEVICE_1, ALICE, T2).block();

        assertThat(deviceHistory().accounts(DEVICE_1).collectList().block())
            .containsExactly(AccountUse.of(ALICE, DEVICE_1, T2));
    }

    @Test
    default void distinctAccountsSinceShouldBeZeroWhenUnknownDevice() {
        assertThat(deviceHistory().distinctAccountsSince(DEVICE_1, T0).block()).isZero();
    }

    @Test
    default void distinctAccountsSinceShouldCountEachAccountOnce() {
        deviceHistory().recordUse(DEVICE_1, ALICE, T0).block();
        deviceHistory().recordUse(DEVICE_1, ALICE, T1).block();
        deviceHistory().recordUse(DEVICE_1, BOB, T1).block();

        assertThat(deviceHistory().distinctAccountsSince(DEVICE_1, T0).block()).isEqualTo(2);
    }

    @Test
    default void distinctAccountsSinceShouldExcludeUsesBeforeTheWindow() {
        deviceHistory().recordUse(DEVICE_1, ALICE, T0).block();
        deviceHistory().recordUse(DEVICE_1, BOB, T2).block();

        assertThat(deviceHistory().distinctAccountsSince(DEVICE_1, T1).block()).isEqualTo(1);
    }

    @Test
    default void distinctAccountsSinceShouldIncludeAUseAtTheStartOfTheWindow() {
        deviceHistory().recordUse(DEVICE_1, ALICE, T1).block();

        assertThat(deviceHistory().distinctAccountsSince(DEVICE_1, T1).block()).isEqualTo(1);
    }

    @Test
    default void distinctAccountsSinceShouldCountAnAccountWhoseLatestUseIsInTheWindow() {
        deviceHistory().recordUse(DEVICE_1, ALICE, T0).block();
        deviceHistory().recordUse(DEVICE_1, ALICE, T2).block();

        assertThat(deviceHistory().distinctAccountsSince(DEVICE_1, T1).block()).isEqualTo(1);
    }

    @Test
    default void distinctAccountsSinceShouldCountDevicesApart() {
        deviceHistory().recordUse(DEVICE_1, ALICE, T0).block();
        deviceHistory().recordUse(DEVICE_2, BOB, T0).block();

        assertThat(deviceHistory().distinctAccountsSince(DEVICE_1, T0).block()).isEqualTo(1);
    }

    // Failures

    @Test
    default void failuresSinceShouldBeZeroWhenNoFailure() {
        assertThat(deviceHistory().failuresSince(DEVICE_1, T0).block()).isZero();
    }

    @Test
    default void failuresSinceShouldCountEveryFailureEvenAtTheSameInstant() {
        deviceHistory().recordFailure(DEVICE_1, T1).block();
        deviceHistory().recordFailure(DEVICE_1, T1).block();
        deviceHistory().recordFailure(DEVICE_1, T2).block();

        assertThat(deviceHistory().failuresSince(DEVICE_1, T0).block()).isEqualTo(3);
    }

    @Test
    default void failuresSinceShouldExcludeFailuresBeforeTheWindow() {
        deviceHistory().recordFailure(DEVICE_1, T0).block();
        deviceHistory().recordFailure(DEVICE_1, T2).block();

        assertThat(deviceHistory().failuresSince(DEVICE_1, T1).block()).isEqualTo(1);
    }

    @Test
    default void failuresSinceShouldIncludeAFailureAtTheStartOfTheWindow() {
        deviceHistory().recordFailure(DEVICE_1, T1).block();

        assertThat(deviceHistory().failuresSince(DEVICE_1, T1).block()).isEqualTo(1);
    }

    @Test
    default void failuresSinceShouldCountDevicesApart() {
        deviceHistory().recordFailure(DEVICE_1, T1).block();
        deviceHistory().recordFailure(DEVICE_2, T1).block();
        deviceHistory().recordFailure(DEVICE_2, T1).block();

        assertThat(deviceHistory().failuresSince(DEVICE_1, T0).block()).isEqualTo(1);
    }

    // Blocks

    @Test
    default void findBlockShouldBeEmptyWhenNotBlocked() {
        assertThat(deviceHistory().findBlock(DEVICE_1).blockOptional()).isEmpty();
    }

    @Test
    default void findBlockShouldReturnEveryFieldWhenSaved() {
        Block block = Block.of(DEVICE_1, T0, Optional.of(T2), Optional.of("too many failures"));

        deviceHistory().saveBlock(block).block();

        assertThat(deviceHistory().findBlock(DEVICE_1).block()).isEqualTo(block);
    }

    @Test
    default void findBlockShouldReturnEmptyOptionalsWhenSavedWithout() {
        Block block = Block.of(DEVICE_1, T0, Optional.empty(), Optional.empty());

        deviceHistory().saveBlock(block).block();

        assertThat(deviceHistory().findBlock(DEVICE_1).block()).isEqualTo(block);
    }

    @Test
    default void findBlockShouldReturnAnExpiredBlockThatCallersSeeInactive() {
        deviceHistory().saveBlock(Block.of(DEVICE_1, T0, Optional.of(T1), Optional.empty())).block();

        Block block = deviceHistory().findBlock(DEVICE_1).block();

        assertThat(block.isActive(T0)).isTrue();
        assertThat(block.isActive(T2)).isFalse();
    }

    @Test
    default void saveBlockShouldReplaceTheBlockOfTheSameDevice() {
        Block replacement = Block.of(DEVICE_1, T2, Optional.empty(), Optional.of("stolen"));
        deviceHistory().saveBlock(Block.of(DEVICE_1, T0, Optional.of(T1), Optional.of("too many failures"))).block();

        deviceHistory().saveBlock(replacement).block();

        assertThat(deviceHistory().blocks().collectList().block()).containsExactly(replacement);
    }

    @Test
    default void blocksShouldListEveryBlock() {
        Block first = Block.of(DEVICE_1, T0, Optional.of(T1), Optional.empty());
        Block second = Block.of(DEVICE_2, T1, Optional.empty(), Optional.of("stolen"));
        deviceHistory().saveBlock(first).block();
        deviceHistory().saveBlock(second).block();

        assertThat(deviceHistory().blocks().collectList().block()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    default void blocksShouldBeEmptyWhenNoBlock() {
        assertThat(deviceHistory().blocks().collectList().block()).isEmpty();
    }

    @Test
    default void unblockShouldRemoveOnlyThatBlock() {
        Block second = Block.of(DEVICE_2, T1, Optional.empty(), Optional.empty());
        deviceHistory().saveBlock(Block.of(DEVICE_1, T0, Optional.empty(), Optional.empty())).block();
        deviceHistory().saveBlock(second).block();

        deviceHistory().unblock(DEVICE_1).block();

        assertThat(deviceHistory().findBlock(DEVICE_1).blockOptional()).isEmpty();
        assertThat(deviceHistory().blocks().collectList().block()).containsExactly(second);
    }

    @Test
    default void unblockShouldNotFailWhenNotBlocked() {
        assertThatCode(() -> deviceHistory().unblock(DEVICE_1).block()).doesNotThrowAnyException();
    }

    // Policy overrides

    @Test
    default void policyShouldBeEmptyWhenNoOverride() {
        assertThat(deviceHistory().policy(ALICE).blockOptional()).isEmpty();
    }

    @Test
    default void policyShouldReturnTheOverrideOfThatAccountOnly() {
        deviceHistory().setPolicy(ALICE, ENFORCE).block();

        assertThat(deviceHistory().policy(ALICE).block()).isEqualTo(ENFORCE);
        assertThat(deviceHistory().policy(BOB).blockOptional()).isEmpty();
    }

    @Test
    default void setPolicyShouldReplaceThePreviousOverride() {
        deviceHistory().setPolicy(ALICE, ENFORCE).block();

        deviceHistory().setPolicy(ALICE, OFF).block();

        assertThat(deviceHistory().policy(ALICE).block()).isEqualTo(OFF);
    }

    @Test
    default void clearPolicyShouldReturnToTheDefault() {
        deviceHistory().setPolicy(ALICE, ENFORCE).block();

        deviceHistory().clearPolicy(ALICE).block();

        assertThat(deviceHistory().policy(ALICE).blockOptional()).isEmpty();
    }

    @Test
    default void clearPolicyShouldNotFailWhenNoOverride() {
        assertThatCode(() -> deviceHistory().clearPolicy(ALICE).block()).doesNotThrowAnyException();
    }

    // The account's side of an AUTH lookup

    @Test
    default void policyAndDeviceShouldBeEmptyWhenUnknownUser() {
        assertThat(deviceHistory().policyAndDevice(ALICE, Optional.of(DEVICE_1)).block())
            .isEqualTo(PolicyAndDevice.of(Optional.empty(), Optional.empty()));
    }

    @Test
    default void policyAndDeviceShouldReturnBothWhenBothAreStored() {
        deviceHistory().save(ALICE, fullDevice(DEVICE_1)).block();
        deviceHistory().setPolicy(ALICE, ENFORCE).block();

        assertThat(deviceHistory().policyAndDevice(ALICE, Optional.of(DEVICE_1)).block())
            .isEqualTo(PolicyAndDevice.of(Optional.of(ENFORCE), Optional.of(fullDevice(DEVICE_1))));
    }

    @Test
    default void policyAndDeviceShouldReturnThePolicyWhenTheDeviceIsUnknown() {
        deviceHistory().save(ALICE, device(DEVICE_2)).block();
        deviceHistory().setPolicy(ALICE, ENFORCE).block();

        assertThat(deviceHistory().policyAndDevice(ALICE, Optional.of(DEVICE_1)).block())
            .isEqualTo(PolicyAndDevice.of(Optional.of(ENFORCE), Optional.empty()));
    }

    @Test
    default void policyAndDeviceShouldReturnThePolicyWhenTheAccountHasNoDevice() {
        deviceHistory().setPolicy(ALICE, ENFORCE).block();

        assertThat(deviceHistory().policyAndDevice(ALICE, Optional.of(DEVICE_1)).block())
            .isEqualTo(PolicyAndDevice.of(Optional.of(ENFORCE), Optional.empty()));
    }

    @Test
    default void policyAndDeviceShouldReturnTheDeviceWhenNoOverride() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();

        assertThat(deviceHistory().policyAndDevice(ALICE, Optional.of(DEVICE_1)).block())
            .isEqualTo(PolicyAndDevice.of(Optional.empty(), Optional.of(device(DEVICE_1))));
    }

    @Test
    default void policyAndDeviceShouldReturnOnlyThePolicyWhenNoDeviceIsAsked() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().setPolicy(ALICE, OFF).block();

        assertThat(deviceHistory().policyAndDevice(ALICE, Optional.empty()).block())
            .isEqualTo(PolicyAndDevice.of(Optional.of(OFF), Optional.empty()));
    }

    @Test
    default void policyAndDeviceShouldNotReturnADeletedDeviceNorAClearedPolicy() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().setPolicy(ALICE, ENFORCE).block();

        deviceHistory().delete(ALICE, DEVICE_1).block();
        deviceHistory().clearPolicy(ALICE).block();

        assertThat(deviceHistory().policyAndDevice(ALICE, Optional.of(DEVICE_1)).block())
            .isEqualTo(PolicyAndDevice.of(Optional.empty(), Optional.empty()));
    }

    @Test
    default void policyShouldSurviveTheDeletionOfTheLastDevice() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().setPolicy(ALICE, ENFORCE).block();

        deviceHistory().delete(ALICE, DEVICE_1).block();

        assertThat(deviceHistory().policy(ALICE).block()).isEqualTo(ENFORCE);
        assertThat(deviceHistory().hasAnyDevice(ALICE).block()).isFalse();
        assertThat(deviceHistory().devices(ALICE).collectList().block()).isEmpty();
    }

    @Test
    default void devicesShouldSurviveTheClearingOfThePolicy() {
        deviceHistory().save(ALICE, device(DEVICE_1)).block();
        deviceHistory().setPolicy(ALICE, ENFORCE).block();

        deviceHistory().clearPolicy(ALICE).block();

        assertThat(deviceHistory().devices(ALICE).collectList().block()).containsExactly(device(DEVICE_1));
    }

    @Test
    default void hasAnyDeviceShouldBeFalseWhenTheAccountHasOnlyAPolicy() {
        deviceHistory().setPolicy(ALICE, ENFORCE).block();

        assertThat(deviceHistory().hasAnyDevice(ALICE).block()).isFalse();
        assertThat(deviceHistory().devices(ALICE).collectList().block()).isEmpty();
    }

    @Test
    default void recordUseAndCountAccountsSinceShouldCountTheUseItRecords() {
        assertThat(deviceHistory().recordUseAndCountAccountsSince(DEVICE_1, ALICE, T1, T0).block()).isEqualTo(1L);
        assertThat(deviceHistory().accounts(DEVICE_1).collectList().block()).containsExactly(AccountUse.of(ALICE, DEVICE_1, T1));
    }

    @Test
    default void recordUseAndCountAccountsSinceShouldCountOtherAccountsInTheWindowOnly() {
        deviceHistory().recordUse(DEVICE_1, BOB, T0).block();
        deviceHistory().recordUse(DEVICE_1, CAROL, T2).block();

        assertThat(deviceHistory().recordUseAndCountAccountsSince(DEVICE_1, ALICE, T2, T1).block()).isEqualTo(2L);
    }

    @Test
    default void writesShouldDoNothingUntilSubscribed() {
        deviceHistory().save(ALICE, device(DEVICE_1));
        deviceHistory().setPolicy(ALICE, ENFORCE);
        deviceHistory().saveBlock(Block.of(DEVICE_1, T0, Optional.empty(), Optional.empty()));

        assertThat(deviceHistory().hasAnyDevice(ALICE).block()).isFalse();
        assertThat(deviceHistory().policy(ALICE).blockOptional()).isEmpty();
        assertThat(deviceHistory().findBlock(DEVICE_1).blockOptional()).isEmpty();
    }
}

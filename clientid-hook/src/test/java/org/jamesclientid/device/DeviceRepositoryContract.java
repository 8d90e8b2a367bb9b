package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What every {@link DeviceRepository} must do, races included: the store's own guarantees, not the engine's.
 */
public interface DeviceRepositoryContract {
    Username ALICE = Username.of("alice@example.com");
    Username BOB = Username.of("bob@example.com");
    DeviceId DEVICE_1 = DeviceId.of("0123456789abcdef01234567");
    DeviceId DEVICE_2 = DeviceId.of("89abcdef0123456789abcdef");
    Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    Instant T1 = T0.plus(Duration.ofMinutes(5));
    Instant T2 = T0.plus(Duration.ofMinutes(10));

    DeviceRepository testee();

    /**
     * A repository keeping pending devices {@code lifetime} and {@code perAccount} of them per account.
     */
    DeviceRepository testee(PendingDeviceLimits limits);

    /**
     * Lets {@code duration} pass for the store's expiry (a clock moved, or a wait for a TTL).
     */
    void letTimePass(Duration duration);

    static Device device(DeviceId id, StatusChange status) {
        return Device.builder()
            .id(id)
            .type("UUID")
            .hint("23bf...d1a3")
            .status(status)
            .firstSeen(status.getAt())
            .build();
    }

    static Device trusted(DeviceId id) {
        return device(id, StatusChange.trusted(Actor.SIGN_IN, T0));
    }

    static Device pending(DeviceId id, Instant at) {
        return device(id, StatusChange.pending(Actor.SIGN_IN, at));
    }

    static DeviceId deviceId(int i) {
        return DeviceId.of(String.format("%024x", i + 1));
    }

    @Test
    default void deviceShouldBeEmptyWhenUnknown() {
        assertThat(testee().device(ALICE, DEVICE_1).blockOptional()).isEmpty();
    }

    @Test
    default void addShouldStoreEveryField() {
        Device device = Device.builder().id(DEVICE_1).type("licence").hint("ab...").label(Optional.of("Alice's laptop"))
            .status(StatusChange.revoked(Optional.of(T2), Actor.ADMINISTRATOR, T1)).firstSeen(T0).build();
        DeviceRepository testee = testee();

        assertThat(testee.add(ALICE, device).block()).isTrue();

        assertThat(testee.device(ALICE, DEVICE_1).block()).isEqualTo(device);
    }

    @Test
    default void addShouldKeepTheStoredDeviceWhenAlreadyKnown() {
        DeviceRepository testee = testee();
        testee.add(ALICE, trusted(DEVICE_1)).block();

        assertThat(testee.add(ALICE, pending(DEVICE_1, T1)).block()).isFalse();

        assertThat(testee.device(ALICE, DEVICE_1).block()).isEqualTo(trusted(DEVICE_1));
    }

    @Test
    default void addShouldKeepAccountsApart() {
        DeviceRepository testee = testee();
        testee.add(ALICE, trusted(DEVICE_1)).block();

        assertThat(testee.device(BOB, DEVICE_1).blockOptional()).isEmpty();
        assertThat(testee.hasAnyDevice(BOB).block()).isFalse();
    }

    @Test
    default void devicesShouldListTheAccountsDevicesOnly() {
        DeviceRepository testee = testee();
        testee.add(ALICE, trusted(DEVICE_1)).block();
        testee.add(ALICE, trusted(DEVICE_2)).block();
        testee.add(BOB, trusted(DEVICE_1)).block();

        assertThat(testee.devices(ALICE).map(Device::getId).collectList().block()).containsExactlyInAnyOrder(DEVICE_1, DEVICE_2);
    }

    @Test
    default void addFirstShouldAddWhenTheAccountHasNoDevice() {
        DeviceRepository testee = testee();

        assertThat(testee.addFirst(ALICE, trusted(DEVICE_1)).block()).isTrue();
        assertThat(testee.device(ALICE, DEVICE_1).block()).isEqualTo(trusted(DEVICE_1));
    }

    @Test
    default void addFirstShouldNotAddWhenTheAccountHasADevice() {
        DeviceRepository testee = testee();
        testee.add(ALICE, pending(DEVICE_1, T0)).block();

        assertThat(testee.addFirst(ALICE, trusted(DEVICE_2)).block()).isFalse();
        assertThat(testee.device(ALICE, DEVICE_2).blockOptional()).isEmpty();
    }

    @Test
    default void addFirstShouldAddAgainOnceTheLastDeviceIsDeleted() {
        DeviceRepository testee = testee();
        testee.addFirst(ALICE, trusted(DEVICE_1)).block();
        testee.delete(ALICE, DEVICE_1).block();

        assertThat(testee.addFirst(ALICE, trusted(DEVICE_2)).block()).isTrue();
    }

    @Test
    default void concurrentAddFirstShouldAddExactlyOneDevice() {
        DeviceRepository testee = testee();
        int racers = 16;

        List<Boolean> added = Flux.range(0, racers)
            .parallel(racers)
            .runOn(Schedulers.boundedElastic())
            .flatMap(i -> testee.addFirst(ALICE, trusted(deviceId(i))))
            .sequential()
            .collectList()
            .block();

        assertThat(added).containsOnlyOnce(true);
        assertThat(testee.devices(ALICE).collectList().block()).hasSize(1);
    }

    @Test
    default void changeStatusShouldSetTheStatusWhoAndWhenAndKeepTheRest() {
        DeviceRepository testee = testee();
        Device device = trusted(DEVICE_1).withLabel(Optional.of("laptop"));
        testee.add(ALICE, device).block();
        StatusChange revoked = StatusChange.revoked(Optional.of(T2), Actor.ADMINISTRATOR, T1);

        assertThat(testee.changeStatus(ALICE, DEVICE_1, revoked).block()).isTrue();

        assertThat(testee.device(ALICE, DEVICE_1).block()).isEqualTo(device.withStatus(revoked));
    }

    @Test
    default void changeStatusShouldNotCreateAnUnknownDevice() {
        DeviceRepository testee = testee();

        assertThat(testee.changeStatus(ALICE, DEVICE_1, StatusChange.trusted(Actor.ADMINISTRATOR, T1)).block()).isFalse();
        assertThat(testee.device(ALICE, DEVICE_1).blockOptional()).isEmpty();
    }

    @Test
    default void changeStatusIfShouldApplyWhenTheStatusIsTheExpectedOne() {
        DeviceRepository testee = testee();
        Device device = pending(DEVICE_1, T0);
        testee.add(ALICE, device).block();
        StatusChange trusted = StatusChange.trusted(Actor.SIGN_IN, T1);

        assertThat(testee.changeStatusIf(ALICE, device, trusted).block()).isTrue();
        assertThat(testee.device(ALICE, DEVICE_1).block().getStatusChange()).isEqualTo(trusted);
    }

    @Test
    default void changeStatusIfShouldNotUndoAChangeMadeSinceTheRead() {
        DeviceRepository testee = testee();
        Device read = pending(DEVICE_1, T0);
        testee.add(ALICE, read).block();
        StatusChange revoked = StatusChange.revoked(Optional.empty(), Actor.ADMINISTRATOR, T1);
        testee.changeStatus(ALICE, DEVICE_1, revoked).block();

        assertThat(testee.changeStatusIf(ALICE, read, StatusChange.trusted(Actor.SIGN_IN, T2)).block())
            .isFalse();
        assertThat(testee.device(ALICE, DEVICE_1).block().getStatusChange()).isEqualTo(revoked);
    }

    @Test
    default void changeStatusIfShouldCompareTheRevocationEnd() {
        DeviceRepository testee = testee();
        Device read = device(DEVICE_1, StatusChange.revoked(Optional.of(T1), Actor.ADMINISTRATOR, T0));
        testee.add(ALICE, read).block();
        StatusChange longer = StatusChange.revoked(Optional.of(T2), Actor.ADMINISTRATOR, T0);
        testee.changeStatus(ALICE, DEVICE_1, longer).block();

        assertThat(testee.changeStatusIf(ALICE, read, StatusChange.trusted(Actor.SIGN_IN, T2)).block())
            .isFalse();
        assertThat(testee.device(ALICE, DEVICE_1).block().getStatusChange()).isEqualTo(longer);
    }

    @Test
    default void changeStatusIfShouldNotUndoALabelSetSinceTheRead() {
        DeviceRepository testee = testee();
        Device read = pending(DEVICE_1, T0);
        testee.add(ALICE, read).block();
        testee.setLabel(ALICE, DEVICE_1, Optional.of("Alice's phone")).block();

        assertThat(testee.changeStatusIf(ALICE, read, StatusChange.trusted(Actor.SIGN_IN, T2)).block()).isFalse();
        assertThat(testee.device(ALICE, DEVICE_1).block().getLabel()).contains("Alice's phone");
    }

    @Test
    default void setLabelShouldKeepAPendingDeviceExpiring() {
        DeviceRepository testee = testee(PendingDeviceLimits.of(Duration.ofSeconds(2), 5));
        testee.add(ALICE, pending(DEVICE_1, T0)).block();
        testee.setLabel(ALICE, DEVICE_1, Optional.of("unknown")).block();

        letTimePass(Duration.ofSeconds(3));

        assertThat(testee.devices(ALICE).collectList().block()).isEmpty();
    }

    @Test
    default void changeStatusIfShouldBeFalseWhenUnknown() {
        assertThat(testee().changeStatusIf(ALICE, pending(DEVICE_1, T0), StatusChange.trusted(Actor.SIGN_IN, T1)).block()).isFalse();
    }

    @Test
    default void concurrentSignInTransitionsShouldNeverUndoAnAdministratorsRevocation() {
        DeviceRepository testee = testee();
        Device read = pending(DEVICE_1, T0);
        testee.add(ALICE, read).block();
        StatusChange revoked = StatusChange.revoked(Optional.empty(), Actor.ADMINISTRATOR, T1);

        Flux.range(0, 32)
            .parallel(8)
            .runOn(Schedulers.boundedElastic())
            .flatMap(i -> i == 5
                ? testee.changeStatus(ALICE, DEVICE_1, revoked)
                : testee.changeStatusIf(ALICE, read, StatusChange.trusted(Actor.SIGN_IN, T2)))
            .sequential()
            .blockLast();

        // Either the revocation came last, or a transition came first and the revocation replaced it.
        assertThat(testee.device(ALICE, DEVICE_1).block().getStatusChange()).isEqualTo(revoked);
    }

    @Test
    default void setLabelShouldChangeTheLabelOnly() {
        DeviceRepository testee = testee();
        testee.add(ALICE, trusted(DEVICE_1)).block();

        assertThat(testee.setLabel(ALICE, DEVICE_1, Optional.of("phone")).block()).isTrue();
        assertThat(testee.setLabel(ALICE, DEVICE_2, Optional.of("phone")).block()).isFalse();

        assertThat(testee.device(ALICE, DEVICE_1).block()).isEqualTo(trusted(DEVICE_1).withLabel(Optional.of("phone")));
        assertThat(testee.device(ALICE, DEVICE_2).blockOptional()).isEmpty();
    }

    @Test
    default void deleteShouldRemoveThatDeviceOnly() {
        DeviceRepository testee = testee();
        testee.add(ALICE, trusted(DEVICE_1)).block();
        testee.add(ALICE, trusted(DEVICE_2)).block();
        testee.add(BOB, trusted(DEVICE_1)).block();

        testee.delete(ALICE, DEVICE_1).block();

        assertThat(testee.devices(ALICE).map(Device::getId).collectList().block()).containsExactly(DEVICE_2);
        assertThat(testee.device(BOB, DEVICE_1).blockOptional()).isPresent();
    }

    @Test
    default void hasAnyDeviceShouldBeFalseOnceTheLastDeviceIsDeleted() {
        DeviceRepository testee = testee();
        testee.add(ALICE, trusted(DEVICE_1)).block();

        testee.delete(ALICE, DEVICE_1).block();

        assertThat(testee.hasAnyDevice(ALICE).block()).isFalse();
    }

    @Test
    default void deleteAllShouldForgetTheAccountOnly() {
        DeviceRepository testee = testee();
        testee.add(ALICE, trusted(DEVICE_1)).block();
        testee.add(BOB, trusted(DEVICE_1)).block();

        testee.deleteAll(ALICE).block();

        assertThat(testee.devices(ALICE).collectList().block()).isEmpty();
        assertThat(testee.device(BOB, DEVICE_1).blockOptional()).isPresent();
        assertThat(testee.addFirst(ALICE, trusted(DEVICE_2)).block()).isTrue();
    }

    @Test
    default void renameShouldMoveDevicesAndKeepTheTargetsOthers() {
        DeviceRepository testee = testee();
        Device revoked = device(DEVICE_1, StatusChange.revoked(Optional.empty(), Actor.ADMINISTRATOR, T1));
        testee.add(ALICE, revoked).block();
        testee.add(BOB, trusted(DEVICE_1)).block();
        testee.add(BOB, trusted(DEVICE_2)).block();

        testee.rename(ALICE, BOB).block();

        assertThat(testee.devices(ALICE).collectList().block()).isEmpty();
        assertThat(testee.device(BOB, DEVICE_1).block()).isEqualTo(revoked);
        assertThat(testee.device(BOB, DEVICE_2).blockOptional()).isPresent();
    }

    @Test
    default void rekeyShouldMoveTheRecordToTheNewId() {
        DeviceRepository testee = testee();
        Device revoked = device(DEVICE_1, StatusChange.revoked(Optional.of(T2), Actor.ADMINISTRATOR, T1)).withLabel(Optional.of("x"));
        testee.add(ALICE, revoked).block();

        testee.rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(testee.device(ALICE, DEVICE_1).blockOptional()).isEmpty();
        assertThat(testee.device(ALICE, DEVICE_2).block()).isEqualTo(revoked.withId(DEVICE_2));
    }

    @Test
    default void rekeyShouldKeepTheRecordAlreadyUnderTheNewId() {
        DeviceRepository testee = testee();
        testee.add(ALICE, pending(DEVICE_1, T0)).block();
        testee.add(ALICE, trusted(DEVICE_2)).block();

        testee.rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(testee.devices(ALICE).collectList().block()).containsExactly(trusted(DEVICE_2));
    }

    @Test
    default void rekeyShouldDoNothingWhenTheOldIdIsUnknown() {
        DeviceRepository testee = testee();

        testee.rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(testee.hasAnyDevice(ALICE).block()).isFalse();
    }

    @Test
    default void pendingDeviceShouldExpireAfterItsLifetime() {
        DeviceRepository testee = testee(PendingDeviceLimits.of(Duration.ofSeconds(2), 5));
        testee.add(ALICE, pending(DEVICE_1, T0)).block();
        testee.add(ALICE, trusted(DEVICE_2)).block();

        letTimePass(Duration.ofSeconds(3));

        assertThat(testee.devices(ALICE).map(Device::getId).collectList().block()).containsExactly(DEVICE_2);
    }

    @Test
    default void pendingDeviceShouldNotExpireOnceTrusted() {
        DeviceRepository testee = testee(PendingDeviceLimits.of(Duration.ofSeconds(2), 5));
        Device read = pending(DEVICE_1, T0);
        testee.add(ALICE, read).block();
        testee.changeStatusIf(ALICE, read, StatusChange.trusted(Actor.SIGN_IN, T1)).block();

        letTimePass(Duration.ofSeconds(3));

        assertThat(testee.device(ALICE, DEVICE_1).block())
            .isEqualTo(read.withStatus(StatusChange.trusted(Actor.SIGN_IN, T1)));
    }

    @Test
    default void pendingDeviceShouldNotExpireOnceRevokedByAnAdministrator() {
        DeviceRepository testee = testee(PendingDeviceLimits.of(Duration.ofSeconds(2), 5));
        testee.add(ALICE, pending(DEVICE_1, T0)).block();
        StatusChange revoked = StatusChange.revoked(Optional.empty(), Actor.ADMINISTRATOR, T1);
        testee.changeStatus(ALICE, DEVICE_1, revoked).block();

        letTimePass(Duration.ofSeconds(3));

        assertThat(testee.device(ALICE, DEVICE_1).block().getStatusChange()).isEqualTo(revoked);
    }

    @Test
    default void addShouldDropTheOldestPendingDevicesBeyondTheCap() {
        DeviceRepository testee = testee(PendingDeviceLimits.of(Duration.ofDays(1), 3));
        testee.add(ALICE, trusted(deviceId(100))).block();
        IntStream.range(0, 5).forEach(i -> testee.add(ALICE, pending(deviceId(i), T0.plusSeconds(i))).block());

        assertThat(testee.devices(ALICE).map(Device::getId).collectList().block())
            .containsExactlyInAnyOrder(deviceId(100), deviceId(2), deviceId(3), deviceId(4));
    }

    @Test
    default void capShouldNeverDropATrustedOrRevokedDevice() {
        DeviceRepository testee = testee(PendingDeviceLimits.of(Duration.ofDays(1), 1));
        ImmutableList<Device> kept = ImmutableList.of(trusted(deviceId(100)),
            device(deviceId(101), StatusChange.revoked(Optional.empty(), Actor.ADMINISTRATOR, T0)));
        kept.forEach(device -> testee.add(ALICE, device).block());
        IntStream.range(0, 4).forEach(i -> testee.add(ALICE, pending(deviceId(i), T1.plusSeconds(i))).block());

        assertThat(testee.devices(ALICE).map(Device::getId).collectList().block())
            .containsExactlyInAnyOrder(deviceId(100), deviceId(101), deviceId(3));
    }

    @Test
    default void writesShouldDoNothingUntilSubscribed() {
        DeviceRepository testee = testee();

        testee.add(ALICE, trusted(DEVICE_1));
        testee.addFirst(ALICE, trusted(DEVICE_2));

        assertThat(testee.hasAnyDevice(ALICE).block()).isFalse();
    }
}

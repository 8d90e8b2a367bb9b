package org.jamesclientid.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Throttles} store must do. Uses fixed instants only: a throttle's times mean nothing to the store
 * but how long it may keep it.
 */
public interface ThrottlesContract {
    Username ALICE = Username.of("alice@example.com");
    Username BOB = Username.of("bob@example.com");
    DeviceId DEVICE_1 = DeviceId.of("0123456789abcdef01234567");
    DeviceId DEVICE_2 = DeviceId.of("89abcdef0123456789abcdef");
    Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    Instant T1 = T0.plus(Duration.ofMinutes(15));
    Instant T2 = T0.plus(Duration.ofHours(1));

    LimitKey ALICE_ACCOUNT = LimitKey.account(ALICE);
    LimitKey ALICE_DEVICE_1 = LimitKey.deviceOnAccount(DEVICE_1, ALICE);
    LimitKey ALICE_DEVICE_2 = LimitKey.deviceOnAccount(DEVICE_2, ALICE);
    LimitKey BOB_ACCOUNT = LimitKey.account(BOB);
    LimitKey BOB_DEVICE_1 = LimitKey.deviceOnAccount(DEVICE_1, BOB);
    LimitKey IPV4 = LimitKey.address("192.0.2.1");
    LimitKey IPV6 = LimitKey.address("2001:db8:1:2::1");

    Throttles throttles();

    @Test
    default void findShouldBeEmptyWhenNothingSaved() {
        assertThat(throttles().find(ALICE_ACCOUNT).blockOptional()).isEmpty();
    }

    @Test
    default void findShouldReturnTheSavedThrottle() {
        Throttle throttle = Throttle.of(ALICE_DEVICE_1, T0, T1);

        throttles().save(throttle).block();

        assertThat(throttles().find(ALICE_DEVICE_1).block()).isEqualTo(throttle);
    }

    @Test
    default void findShouldReturnTheThrottleOfEachScope() {
        Throttle device = Throttle.of(ALICE_DEVICE_1, T0, T1);
        Throttle account = Throttle.of(ALICE_ACCOUNT, T0, T2);
        Throttle address = Throttle.of(IPV6, T1, T2);

        throttles().save(device).block();
        throttles().save(account).block();
        throttles().save(address).block();

        assertThat(throttles().find(ALICE_DEVICE_1).block()).isEqualTo(device);
        assertThat(throttles().find(ALICE_ACCOUNT).block()).isEqualTo(account);
        assertThat(throttles().find(IPV6).block()).isEqualTo(address);
    }

    @Test
    default void findShouldFindAnIpv6ThrottleFromAnyAddressOfItsSlash64() {
        throttles().save(Throttle.of(LimitKey.address("2001:db8:1:2::1"), T0, T1)).block();

        assertThat(throttles().find(LimitKey.address("2001:db8:1:2:aaaa::9")).blockOptional()).isPresent();
        assertThat(throttles().find(LimitKey.address("2001:db8:1:3::1")).blockOptional()).isEmpty();
    }

    @Test
    default void saveShouldReplaceTheThrottleOfTheSameKey() {
        throttles().save(Throttle.of(ALICE_ACCOUNT, T0, T1)).block();
        Throttle longer = Throttle.of(ALICE_ACCOUNT, T1, T2);

        throttles().save(longer).block();

        assertThat(throttles().find(ALICE_ACCOUNT).block()).isEqualTo(longer);
        assertThat(throttles().list().collectList().block()).containsExactly(longer);
    }

    @Test
    default void findShouldKeepKeysApart() {
        throttles().save(Throttle.of(ALICE_DEVICE_1, T0, T1)).block();

        assertThat(throttles().find(ALICE_DEVICE_2).blockOptional()).isEmpty();
        assertThat(throttles().find(ALICE_ACCOUNT).blockOptional()).isEmpty();
        assertThat(throttles().find(BOB_DEVICE_1).blockOptional()).isEmpty();
    }

    @Test
    default void ofAccountShouldBeEmptyWhenNothingSaved() {
        assertThat(throttles().ofAccount(ALICE).collectList().block()).isEmpty();
    }

    @Test
    default void ofAccountShouldReturnTheThrottlesOfTheAccountAndOfItsDevices() {
        Throttle account = Throttle.of(ALICE_ACCOUNT, T0, T1);
        Throttle device1 = Throttle.of(ALICE_DEVICE_1, T0, T1);
        Throttle device2 = Throttle.of(ALICE_DEVICE_2, T1, T2);
        throttles().save(account).block();
        throttles().save(device1).block();
        throttles().save(device2).block();
        throttles().save(Throttle.of(BOB_ACCOUNT, T0, T1)).block();
        throttles().save(Throttle.of(BOB_DEVICE_1, T0, T1)).block();
        throttles().save(Throttle.of(IPV4, T0, T1)).block();

        assertThat(throttles().ofAccount(ALICE).collectList().block()).containsExactlyInAnyOrder(account, device1, device2);
    }

    @Test
    default void listShouldReturnEveryThrottleOfEveryScope() {
        Throttle account = Throttle.of(ALICE_ACCOUNT, T0, T1);
        Throttle device = Throttle.of(BOB_DEVICE_1, T0, T1);
        Throttle ipv4 = Throttle.of(IPV4, T0, T2);
        Throttle ipv6 = Throttle.of(IPV6, T1, T2);
        throttles().save(account).block();
        throttles().save(device).block();
        throttles().save(ipv4).block();
        throttles().save(ipv6).block();

        assertThat(throttles().list().collectList().block()).containsExactlyInAnyOrder(account, device, ipv4, ipv6);
    }

    @Test
    default void listShouldReturnEveryThrottleWhenThereAreMoreThanAPage() {
        // More than a driver page would hold if a store set a small fetch size; every key distinct.
        int count = 120;
        for (int i = 0; i < count; i++) {
            throttles().save(Throttle.of(LimitKey.address("192.0.2." + i), T0, T1)).block();
        }

        assertThat(throttles().list().collectList().block()).hasSize(count);
    }

    @Test
    default void liftShouldRemoveOnlyThatThrottle() {
        Throttle account = Throttle.of(ALICE_ACCOUNT, T0, T1);
        throttles().save(account).block();
        throttles().save(Throttle.of(ALICE_DEVICE_1, T0, T1)).block();

        throttles().lift(ALICE_DEVICE_1).block();

        assertThat(throttles().find(ALICE_DEVICE_1).blockOptional()).isEmpty();
        assertThat(throttles().ofAccount(ALICE).collectList().block()).containsExactly(account);
    }

    @Test
    default void liftShouldRemoveAnAddressThrottle() {
        throttles().save(Throttle.of(IPV6, T0, T1)).block();

        throttles().lift(LimitKey.address("2001:db8:1:2::ffff")).block();

        assertThat(throttles().find(IPV6).blockOptional()).isEmpty();
        assertThat(throttles().list().collectList().block()).isEmpty();
    }

    @Test
    default void liftShouldNotFailWhenNoThrottle() {
        assertThatCode(() -> throttles().lift(ALICE_ACCOUNT).block()).doesNotThrowAnyException();
    }

    @Test
    default void saveShouldThrottleAgainWhenLifted() {
        throttles().save(Throttle.of(ALICE_ACCOUNT, T0, T1)).block();
        throttles().lift(ALICE_ACCOUNT).block();
        Throttle again = Throttle.of(ALICE_ACCOUNT, T1, T2);

        throttles().save(again).block();

        assertThat(throttles().find(ALICE_ACCOUNT).block()).isEqualTo(again);
    }

    @Test
    default void findShouldReturnTheKeyAsSaved() {
        throttles().save(Throttle.of(ALICE_DEVICE_1, T0, T1)).block();

        LimitKey found = throttles().find(ALICE_DEVICE_1).block().getKey();

        assertThat(found.scope()).isEqualTo(LimitKey.Scope.DEVICE_ON_ACCOUNT);
        assertThat(found.subject()).isEqualTo(ALICE.asString());
        assertThat(found.deviceId()).contains(DEVICE_1);
    }
}

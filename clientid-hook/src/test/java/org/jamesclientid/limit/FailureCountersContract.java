package org.jamesclientid.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What every {@link FailureCounters} must do. Uses fixed instants only, all within the shortest retention a store
 * accepts from the time of the write: stores must not read the wall clock to give meaning to the times they are given.
 */
public interface FailureCountersContract {
    Username ALICE = Username.of("alice@example.com");
    Username BOB = Username.of("bob@example.com");
    DeviceId DEVICE_1 = DeviceId.of("0123456789abcdef01234567");
    DeviceId DEVICE_2 = DeviceId.of("89abcdef0123456789abcdef");
    Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    Instant T1 = T0.plus(Duration.ofMinutes(5));
    Instant T2 = T0.plus(Duration.ofMinutes(10));
    Instant T3 = T0.plus(Duration.ofMinutes(20));

    FailureCounters failureCounters();

    @Test
    default void countSinceShouldBeZeroWhenNothingRecorded() {
        assertThat(failureCounters().countSince(LimitKey.account(ALICE), T0).block()).isZero();
    }

    @Test
    default void recordAndCountSinceShouldCountTheFailureItRecords() {
        assertThat(failureCounters().recordAndCountSince(LimitKey.account(ALICE), T1, T0).block()).isEqualTo(1L);
    }

    @Test
    default void recordAndCountSinceShouldCountEarlierFailuresOfTheKey() {
        LimitKey key = LimitKey.deviceOnAccount(DEVICE_1, ALICE);
        failureCounters().recordAndCountSince(key, T0, T0).block();
        failureCounters().recordAndCountSince(key, T1, T0).block();

        assertThat(failureCounters().recordAndCountSince(key, T2, T0).block()).isEqualTo(3L);
    }

    @Test
    default void recordAndCountSinceShouldCountTwoFailuresAtTheSameInstant() {
        LimitKey key = LimitKey.address("192.0.2.1");
        failureCounters().recordAndCountSince(key, T1, T0).block();

        assertThat(failureCounters().recordAndCountSince(key, T1, T0).block()).isEqualTo(2L);
    }

    @Test
    default void countSinceShouldLeaveOutFailuresBeforeTheWindow() {
        LimitKey key = LimitKey.account(ALICE);
        failureCounters().recordAndCountSince(key, T0, T0).block();
        failureCounters().recordAndCountSince(key, T1, T0).block();
        failureCounters().recordAndCountSince(key, T3, T0).block();

        assertThat(failureCounters().countSince(key, T1).block()).isEqualTo(2L);
        assertThat(failureCounters().countSince(key, T2).block()).isEqualTo(1L);
        assertThat(failureCounters().countSince(key, T3.plusMillis(1)).block()).isZero();
    }

    @Test
    default void countSinceShouldIncludeAFailureExactlyAtTheStartOfTheWindow() {
        LimitKey key = LimitKey.account(ALICE);
        failureCounters().recordAndCountSince(key, T1, T0).block();

        assertThat(failureCounters().countSince(key, T1).block()).isEqualTo(1L);
        assertThat(failureCounters().countSince(key, T1.plusMillis(1)).block()).isZero();
    }

    @Test
    default void recordAndCountSinceShouldLeaveOutEarlierFailuresBeforeTheWindow() {
        LimitKey key = LimitKey.account(ALICE);
        failureCounters().recordAndCountSince(key, T0, T0).block();

        assertThat(failureCounters().recordAndCountSince(key, T3, T2).block()).isEqualTo(1L);
    }

    @Test
    default void recordAndCountSinceShouldLetConcurrentFailuresSeeEachOtherWhenRecordedTogether() {
        LimitKey key = LimitKey.account(ALICE);
        int attempts = 20;

        List<Long> counts = Flux.range(0, attempts)
            .flatMap(i -> failureCounters().recordAndCountSince(key, T1.plusMillis(i), T0).subscribeOn(Schedulers.parallel()))
            .collectList()
            .block();

        // Each counts after its own write: the last write to complete sees every other one.
        assertThat(counts).hasSize(attempts).allMatch(count -> count >= 1 && count <= attempts);
        assertThat(counts).contains((long) attempts);
        assertThat(failureCounters().countSince(key, T0).block()).isEqualTo(attempts);
    }

    @Test
    default void countSinceShouldKeepKeysOfOneAccountApart() {
        failureCounters().recordAndCountSince(LimitKey.deviceOnAccount(DEVICE_1, ALICE), T1, T0).block();
        failureCounters().recordAndCountSince(LimitKey.deviceOnAccount(DEVICE_1, ALICE), T1, T0).block();
        failureCounters().recordAndCountSince(LimitKey.deviceOnAccount(DEVICE_2, ALICE), T1, T0).block();

        assertThat(failureCounters().countSince(LimitKey.deviceOnAccount(DEVICE_1, ALICE), T0).block()).isEqualTo(2L);
        assertThat(failureCounters().countSince(LimitKey.deviceOnAccount(DEVICE_2, ALICE), T0).block()).isEqualTo(1L);
        assertThat(failureCounters().countSince(LimitKey.account(ALICE), T0).block()).isZero();
    }

    @Test
    default void countSinceShouldKeepOwnersApart() {
        failureCounters().recordAndCountSince(LimitKey.account(ALICE), T1, T0).block();
        failureCounters().recordAndCountSince(LimitKey.deviceOnAccount(DEVICE_1, ALICE), T1, T0).block();
        failureCounters().recordAndCountSince(LimitKey.address("192.0.2.1"), T1, T0).block();

        assertThat(failureCounters().countSince(LimitKey.account(BOB), T0).block()).isZero();
        assertThat(failureCounters().countSince(LimitKey.deviceOnAccount(DEVICE_1, BOB), T0).block()).isZero();
        assertThat(failureCounters().countSince(LimitKey.address("192.0.2.2"), T0).block()).isZero();
    }

    @Test
    default void countSinceShouldGroupTheAddressesOfOneIpv6Slash64() {
        failureCounters().recordAndCountSince(LimitKey.address("2001:db8:1:2::1"), T1, T0).block();
        failureCounters().recordAndCountSince(LimitKey.address("2001:db8:1:2:ffff:ffff:ffff:fffe"), T1, T0).block();
        failureCounters().recordAndCountSince(LimitKey.address("2001:db8:1:3::1"), T1, T0).block();

        assertThat(failureCounters().countSince(LimitKey.address("2001:0db8:0001:0002:0:0:0:9"), T0).block()).isEqualTo(2L);
        assertThat(failureCounters().countSince(LimitKey.address("2001:db8:1:3::2"), T0).block()).isEqualTo(1L);
    }

    @Test
    default void countSinceShouldCountIpv4AddressesOneByOne() {
        failureCounters().recordAndCountSince(LimitKey.address("192.0.2.1"), T1, T0).block();

        assertThat(failureCounters().countSince(LimitKey.address("192.0.2.2"), T0).block()).isZero();
        assertThat(failureCounters().countSince(LimitKey.address("::ffff:192.0.2.1"), T0).block()).isEqualTo(1L);
    }

    @Test
    default void resetShouldForgetTheFailuresOfTheKey() {
        LimitKey key = LimitKey.account(ALICE);
        failureCounters().recordAndCountSince(key, T0, T0).block();
        failureCounters().recordAndCountSince(key, T1, T0).block();

        failureCounters().reset(key).block();

        assertThat(failureCounters().countSince(key, T0).block()).isZero();
    }

    @Test
    default void resetShouldKeepOtherKeysOfTheSameAccount() {
        failureCounters().recordAndCountSince(LimitKey.account(ALICE), T1, T0).block();
        failureCounters().recordAndCountSince(LimitKey.deviceOnAccount(DEVICE_1, ALICE), T1, T0).block();

        failureCounters().reset(LimitKey.account(ALICE)).block();

        assertThat(failureCounters().countSince(LimitKey.deviceOnAccount(DEVICE_1, ALICE), T0).block()).isEqualTo(1L);
    }

    @Test
    default void recordAndCountSinceShouldStartOverWhenReset() {
        LimitKey key = LimitKey.address("2001:db8::1");
        failureCounters().recordAndCountSince(key, T0, T0).block();
        failureCounters().reset(key).block();

        assertThat(failureCounters().recordAndCountSince(key, T1, T0).block()).isEqualTo(1L);
    }

    @Test
    default void resetShouldNotFailWhenNothingRecorded() {
        assertThatCode(() -> failureCounters().reset(LimitKey.account(ALICE)).block()).doesNotThrowAnyException();
    }
}

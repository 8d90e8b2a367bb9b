package org.jamesclientid.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.policy.Alert;
import org.junit.jupiter.api.Test;

class MemoryNoticeLimitsTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Username ALICE = Username.of("alice@example.com");
    private static final Username BOB = Username.of("bob@example.com");
    private static final Optional<DeviceId> LAPTOP = Optional.of(DeviceId.of("a".repeat(DeviceId.LENGTH)));
    private static final Optional<DeviceId> PHONE = Optional.of(DeviceId.of("b".repeat(DeviceId.LENGTH)));

    private final MemoryNoticeLimits limits = new MemoryNoticeLimits(NoticeLimitsConfiguration.of(Duration.ofHours(1), 2));

    private NoticeLimits.Verdict admit(Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant at) {
        return limits.admit(owner, device, kind, at).block();
    }

    @Test
    void admitShouldSuppressTheSameDeviceAndKindWhenWithinTheInterval() {
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW.plusSeconds(3599))).isEqualTo(NoticeLimits.Verdict.SUPPRESS);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW.plusSeconds(3600))).isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    void admitShouldSendAnotherKindOrDeviceWhenWithinTheInterval() {
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(BOB, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    void admitShouldGiveOneDigestThenSuppressWhenTheDailyLimitIsReached() {
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, PHONE, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, NOW)).isEqualTo(NoticeLimits.Verdict.DIGEST);
        assertThat(admit(ALICE, PHONE, Alert.Kind.DEVICE_DENIED, NOW)).isEqualTo(NoticeLimits.Verdict.SUPPRESS);
        assertThat(admit(BOB, PHONE, Alert.Kind.DEVICE_DENIED, NOW)).as("another account").isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    void admitShouldStartAgainWhenTheUtcDayChanges() {
        admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW);
        admit(ALICE, PHONE, Alert.Kind.DEVICE_BLOCKED, NOW);
        admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, NOW);

        assertThat(admit(ALICE, PHONE, Alert.Kind.DEVICE_DENIED, Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    void admitShouldKeepABoundedNumberOfEntriesWhenManyAccountsAndDevices() {
        for (int i = 0; i < MemoryNoticeLimits.MAX_ENTRIES + 5_000; i++) {
            admit(Username.of("user" + i + "@example.com"), LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW);
        }

        assertThat(limits.retainedEntries()).isLessThanOrEqualTo(2 * MemoryNoticeLimits.MAX_ENTRIES);
    }
}

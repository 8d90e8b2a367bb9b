package org.jamesclientid.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.policy.Alert;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What every {@link NoticeLimits} must do, with {@link #CONFIGURATION}: one notice per account, device and kind an
 * hour, two per account and day, then one digest. Uses fixed instants only.
 */
public interface NoticeLimitsContract {
    NoticeLimitsConfiguration CONFIGURATION = NoticeLimitsConfiguration.of(Duration.ofHours(1), 2);
    Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    Username ALICE = Username.of("alice@example.com");
    Username BOB = Username.of("bob@example.com");
    Optional<DeviceId> LAPTOP = Optional.of(DeviceId.of("a".repeat(DeviceId.LENGTH)));
    Optional<DeviceId> PHONE = Optional.of(DeviceId.of("b".repeat(DeviceId.LENGTH)));

    NoticeLimits noticeLimits();

    private NoticeLimits.Verdict admit(Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant at) {
        return noticeLimits().admit(owner, device, kind, at).block();
    }

    @Test
    default void admitShouldSuppressTheSameDeviceAndKindWhenWithinTheInterval() {
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW.plusSeconds(3599))).isEqualTo(NoticeLimits.Verdict.SUPPRESS);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW.plusSeconds(3600))).isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    default void admitShouldSendAnotherKindOrDeviceWhenWithinTheInterval() {
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(BOB, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    default void admitShouldKeepNoticesWithoutDeviceApartFromTheDevicesOnes() {
        assertThat(admit(ALICE, Optional.empty(), Alert.Kind.DEVICE_DENIED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, Optional.empty(), Alert.Kind.DEVICE_DENIED, NOW.plusSeconds(60))).isEqualTo(NoticeLimits.Verdict.SUPPRESS);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    default void admitShouldGiveOneDigestThenSuppressWhenTheDailyLimitIsReached() {
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, PHONE, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, NOW)).isEqualTo(NoticeLimits.Verdict.DIGEST);
        assertThat(admit(ALICE, PHONE, Alert.Kind.DEVICE_DENIED, NOW)).isEqualTo(NoticeLimits.Verdict.SUPPRESS);
        assertThat(admit(BOB, PHONE, Alert.Kind.DEVICE_DENIED, NOW)).as("another account").isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    default void admitShouldNotHoldTheIntervalOfANoticeOverTheDailyLimit() {
        admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW);
        admit(ALICE, PHONE, Alert.Kind.DEVICE_BLOCKED, NOW);
        admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, NOW);

        // Not sent on the first day, so not suppressed by the interval on the next one.
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    default void admitShouldStartAgainWhenTheUtcDayChanges() {
        admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW);
        admit(ALICE, PHONE, Alert.Kind.DEVICE_BLOCKED, NOW);
        admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, NOW);

        assertThat(admit(ALICE, PHONE, Alert.Kind.DEVICE_DENIED, Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    default void admitShouldSendTheDailyNumberAndOneDigestWhenConcurrent() {
        List<NoticeLimits.Verdict> verdicts = Flux.range(0, 20)
            .flatMap(i -> noticeLimits().admit(ALICE, Optional.of(DeviceId.of(String.format("%024x", i))), Alert.Kind.DEVICE_BLOCKED, NOW)
                .subscribeOn(Schedulers.parallel()))
            .collectList()
            .block();

        assertThat(verdicts).filteredOn(verdict -> verdict == NoticeLimits.Verdict.SEND).hasSize(CONFIGURATION.getPerDay());
        assertThat(verdicts).filteredOn(verdict -> verdict == NoticeLimits.Verdict.DIGEST).hasSize(1);
    }

    @Test
    default void admitShouldSendOnceWhenTheSameNoticeIsConcurrent() {
        List<NoticeLimits.Verdict> verdicts = Flux.range(0, 10)
            .flatMap(i -> noticeLimits().admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW).subscribeOn(Schedulers.parallel()))
            .collectList()
            .block();

        assertThat(verdicts).containsOnlyOnce(NoticeLimits.Verdict.SEND);
        assertThat(verdicts).doesNotContain(NoticeLimits.Verdict.DIGEST);
    }
}

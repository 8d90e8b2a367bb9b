package org.jamesclientid.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.policy.Alert;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What every {@link NoticeLimits} must do. Uses fixed instants: the limits count from the alerts' own times.
 */
public interface NoticeLimitsContract {
    Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    Username ALICE = Username.of("alice@example.com");
    Username BOB = Username.of("bob@example.com");
    Optional<DeviceId> LAPTOP = Optional.of(DeviceId.of("a".repeat(DeviceId.LENGTH)));
    Optional<DeviceId> PHONE = Optional.of(DeviceId.of("b".repeat(DeviceId.LENGTH)));
    Optional<DeviceId> TABLET = Optional.of(DeviceId.of("c".repeat(DeviceId.LENGTH)));
    /**
     * One hour, two a day.
     */
    NoticeLimitsConfiguration CONFIGURATION = NoticeLimitsConfiguration.of(Duration.ofHours(1), 2);

    /**
     * The limits of the test, with {@link #CONFIGURATION}: every call returns the same.
     */
    NoticeLimits noticeLimits();

    /**
     * Other limits with this configuration, starting from nothing counted.
     */
    NoticeLimits noticeLimits(NoticeLimitsConfiguration configuration);

    private NoticeLimits.Verdict admit(Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant at) {
        return admit(noticeLimits(), owner, device, kind, at);
    }

    private static NoticeLimits.Verdict admit(NoticeLimits limits, Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant at) {
        return limits.admit(owner, device, kind, at).block();
    }

    private static Optional<DeviceId> device(int i) {
        return Optional.of(DeviceId.of(String.format("%0" + DeviceId.LENGTH + "x", i)));
    }

    @Test
    default void admitShouldSuppressTheSameDeviceAndKindWhenWithinTheInterval() {
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW.plusSeconds(3599))).isEqualTo(NoticeLimits.Verdict.SUPPRESS);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW.plusSeconds(3600))).isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    default void admitShouldCountTheIntervalFromTheLastNoticeSentWhenOneWasSuppressed() {
        admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW);
        admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW.plusSeconds(1800));

        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW.plusSeconds(3600))).isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    default void admitShouldSuppressANoticeWithoutDeviceWhenWithinTheInterval() {
        assertThat(admit(ALICE, Optional.empty(), Alert.Kind.DEVICE_DENIED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, Optional.empty(), Alert.Kind.DEVICE_DENIED, NOW.plusSeconds(60))).isEqualTo(NoticeLimits.Verdict.SUPPRESS);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, NOW.plusSeconds(60))).as("a device is another key").isEqualTo(NoticeLimits.Verdict.SEND);
    }

    @Test
    default void admitShouldSendAnotherKindOrDeviceWhenWithinTheInterval() {
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(BOB, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SEND);
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
    default void admitShouldStartAgainWhenTheUtcDayChanges() {
        admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW);
        admit(ALICE, PHONE, Alert.Kind.DEVICE_BLOCKED, NOW);
        admit(ALICE, LAPTOP, Alert.Kind.DEVICE_DENIED, NOW);

        assertThat(admit(ALICE, PHONE, Alert.Kind.DEVICE_DENIED, Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(NoticeLimits.Verdict.SEND);
    }

    /**
     * A notice the daily limit held back was not sent: the interval of its device and kind has not started.
     */
    @Test
    default void admitShouldSendANoticeTheDailyLimitHeldBackWhenTheDayChangesWithinTheInterval() {
        Instant lateEvening = Instant.parse("2026-11-30T23:30:00Z");
        admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, lateEvening);
        admit(ALICE, PHONE, Alert.Kind.DEVICE_BLOCKED, lateEvening);
        assertThat(admit(ALICE, TABLET, Alert.Kind.DEVICE_BLOCKED, lateEvening)).isEqualTo(NoticeLimits.Verdict.DIGEST);
        assertThat(admit(ALICE, TABLET, Alert.Kind.DEVICE_DENIED, lateEvening)).isEqualTo(NoticeLimits.Verdict.SUPPRESS);

        Instant afterMidnight = Instant.parse("2026-12-01T00:10:00Z");
        assertThat(admit(ALICE, TABLET, Alert.Kind.DEVICE_BLOCKED, afterMidnight)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, TABLET, Alert.Kind.DEVICE_DENIED, afterMidnight)).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, afterMidnight)).as("sent 40 minutes ago").isEqualTo(NoticeLimits.Verdict.SUPPRESS);
    }

    @Test
    default void admitShouldNeverSendMoreThanPerDayAndExactlyOneDigestWhenManyNoticesOfOneAccountComeAtOnce() {
        int perDay = 5;
        int notices = 40;
        NoticeLimits limits = noticeLimits(NoticeLimitsConfiguration.of(Duration.ofHours(1), perDay));

        List<NoticeLimits.Verdict> verdicts = Flux.range(0, notices)
            .flatMap(i -> limits.admit(ALICE, device(i), Alert.Kind.DEVICE_BLOCKED, NOW).subscribeOn(Schedulers.boundedElastic()), notices)
            .collectList()
            .block();

        Map<NoticeLimits.Verdict, Long> counts = verdicts.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts.getOrDefault(NoticeLimits.Verdict.SEND, 0L)).isEqualTo(perDay);
        assertThat(counts.getOrDefault(NoticeLimits.Verdict.DIGEST, 0L)).isEqualTo(1);
        assertThat(verdicts).hasSize(notices);
        assertThat(admit(limits, ALICE, device(notices), Alert.Kind.DEVICE_BLOCKED, NOW)).isEqualTo(NoticeLimits.Verdict.SUPPRESS);
    }

    @Test
    default void admitShouldSendOnceWhenTheSameNoticeComesManyTimesAtOnce() {
        int notices = 20;
        NoticeLimits limits = noticeLimits();

        List<NoticeLimits.Verdict> verdicts = Flux.range(0, notices)
            .flatMap(i -> limits.admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW).subscribeOn(Schedulers.boundedElastic()), notices)
            .collectList()
            .block();

        assertThat(verdicts).containsOnlyOnce(NoticeLimits.Verdict.SEND)
            .doesNotContain(NoticeLimits.Verdict.DIGEST)
            .hasSize(notices);
    }
}

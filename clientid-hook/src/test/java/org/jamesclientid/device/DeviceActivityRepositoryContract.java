package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeviceActivityRepository} must do.
 */
public interface DeviceActivityRepositoryContract {
    Username ALICE = Username.of("alice@example.com");
    Username BOB = Username.of("bob@example.com");
    DeviceId DEVICE_1 = DeviceId.of("0123456789abcdef01234567");
    DeviceId DEVICE_2 = DeviceId.of("89abcdef0123456789abcdef");
    Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    Instant T1 = T0.plus(Duration.ofMinutes(5));
    DeviceActivity ACTIVITY = DeviceActivity.of(DEVICE_1, T1, Optional.of("2001:db8::1"), 42, 3);

    DeviceActivityRepository testee();

    void letTimePass(Duration duration);

    @Test
    default void activityShouldBeEmptyWhenNoneRecorded() {
        assertThat(testee().activity(ALICE, DEVICE_1).blockOptional()).isEmpty();
    }

    @Test
    default void recordShouldStoreEveryField() {
        DeviceActivityRepository testee = testee();

        testee.record(ALICE, ACTIVITY, Optional.empty()).block();

        assertThat(testee.activity(ALICE, DEVICE_1).block()).isEqualTo(ACTIVITY);
        assertThat(testee.activity(BOB, DEVICE_1).blockOptional()).isEmpty();
    }

    @Test
    default void recordShouldStoreEmptyOptionals() {
        DeviceActivityRepository testee = testee();
        DeviceActivity withoutIp = DeviceActivity.first(DEVICE_1, T0, Optional.empty(), true);

        testee.record(ALICE, withoutIp, Optional.empty()).block();

        assertThat(testee.activity(ALICE, DEVICE_1).block()).isEqualTo(withoutIp);
    }

    @Test
    default void recordShouldReplaceThePreviousActivity() {
        DeviceActivityRepository testee = testee();
        testee.record(ALICE, ACTIVITY, Optional.empty()).block();
        DeviceActivity next = ACTIVITY.signedIn(T1.plusSeconds(1), Optional.empty(), true);

        testee.record(ALICE, next, Optional.empty()).block();

        assertThat(testee.activity(ALICE, DEVICE_1).block()).isEqualTo(next);
    }

    @Test
    default void activitiesShouldListTheAccountsOnly() {
        DeviceActivityRepository testee = testee();
        testee.record(ALICE, ACTIVITY, Optional.empty()).block();
        testee.record(ALICE, ACTIVITY.withDeviceId(DEVICE_2), Optional.empty()).block();
        testee.record(BOB, ACTIVITY, Optional.empty()).block();

        assertThat(testee.activities(ALICE).map(DeviceActivity::getDeviceId).collectList().block())
            .containsExactlyInAnyOrder(DEVICE_1, DEVICE_2);
    }

    @Test
    default void recordWithARetentionShouldBeForgottenAfterIt() {
        DeviceActivityRepository testee = testee();
        testee.record(ALICE, ACTIVITY, Optional.of(Duration.ofSeconds(2))).block();
        testee.record(ALICE, ACTIVITY.withDeviceId(DEVICE_2), Optional.empty()).block();

        letTimePass(Duration.ofSeconds(3));

        assertThat(testee.activity(ALICE, DEVICE_1).blockOptional()).isEmpty();
        assertThat(testee.activity(ALICE, DEVICE_2).blockOptional()).isPresent();
    }

    @Test
    default void recordWithoutRetentionShouldKeepWhatARetentionWouldHaveForgotten() {
        DeviceActivityRepository testee = testee();
        testee.record(ALICE, ACTIVITY, Optional.of(Duration.ofSeconds(2))).block();
        testee.record(ALICE, ACTIVITY, Optional.empty()).block();

        letTimePass(Duration.ofSeconds(3));

        assertThat(testee.activity(ALICE, DEVICE_1).block()).isEqualTo(ACTIVITY);
    }

    @Test
    default void deleteShouldForgetThatDeviceOnly() {
        DeviceActivityRepository testee = testee();
        testee.record(ALICE, ACTIVITY, Optional.empty()).block();
        testee.record(ALICE, ACTIVITY.withDeviceId(DEVICE_2), Optional.empty()).block();

        testee.delete(ALICE, DEVICE_1).block();

        assertThat(testee.activities(ALICE).map(DeviceActivity::getDeviceId).collectList().block()).containsExactly(DEVICE_2);
    }

    @Test
    default void deleteAllShouldForgetTheAccountOnly() {
        DeviceActivityRepository testee = testee();
        testee.record(ALICE, ACTIVITY, Optional.empty()).block();
        testee.record(BOB, ACTIVITY, Optional.empty()).block();

        testee.deleteAll(ALICE).block();

        assertThat(testee.activities(ALICE).collectList().block()).isEmpty();
        assertThat(testee.activity(BOB, DEVICE_1).blockOptional()).isPresent();
    }

    @Test
    default void renameShouldMoveTheActivities() {
        DeviceActivityRepository testee = testee();
        testee.record(ALICE, ACTIVITY, Optional.empty()).block();
        testee.record(BOB, ACTIVITY.withDeviceId(DEVICE_2), Optional.empty()).block();

        testee.rename(ALICE, BOB).block();

        assertThat(testee.activities(ALICE).collectList().block()).isEmpty();
        assertThat(testee.activities(BOB).map(DeviceActivity::getDeviceId).collectList().block())
            .containsExactlyInAnyOrder(DEVICE_1, DEVICE_2);
    }

    @Test
    default void rekeyShouldMoveTheActivityToTheNewId() {
        DeviceActivityRepository testee = testee();
        testee.record(ALICE, ACTIVITY, Optional.empty()).block();

        testee.rekey(ALICE, DEVICE_1, DEVICE_2).block();

        assertThat(testee.activity(ALICE, DEVICE_1).blockOptional()).isEmpty();
        assertThat(testee.activity(ALICE, DEVICE_2).block()).isEqualTo(ACTIVITY.withDeviceId(DEVICE_2));
    }
}

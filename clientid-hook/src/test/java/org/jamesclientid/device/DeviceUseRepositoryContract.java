package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeviceUseRepository} must do.
 */
public interface DeviceUseRepositoryContract {
    Username ALICE = Username.of("alice@example.com");
    Username BOB = Username.of("bob@example.com");
    DeviceId DEVICE_1 = DeviceId.of("0123456789abcdef01234567");
    DeviceId DEVICE_2 = DeviceId.of("89abcdef0123456789abcdef");
    Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    Instant T1 = T0.plus(Duration.ofMinutes(5));

    DeviceUseRepository testee();

    /**
     * A repository keeping uses {@code retention} after their write.
     */
    DeviceUseRepository testee(Duration retention);

    void letTimePass(Duration duration);

    @Test
    default void accountsShouldBeEmptyWhenUnknownDevice() {
        assertThat(testee().accounts(DEVICE_1).collectList().block()).isEmpty();
    }

    @Test
    default void accountsShouldListEveryAccountOfTheDeviceOnly() {
        DeviceUseRepository testee = testee();
        testee.recordUse(DEVICE_1, ALICE, T0).block();
        testee.recordUse(DEVICE_1, BOB, T1).block();
        testee.recordUse(DEVICE_2, ALICE, T1).block();

        assertThat(testee.accounts(DEVICE_1).collectList().block())
            .containsExactlyInAnyOrder(AccountUse.of(ALICE, DEVICE_1, T0), AccountUse.of(BOB, DEVICE_1, T1));
    }

    @Test
    default void recordUseShouldKeepTheLatestTime() {
        DeviceUseRepository testee = testee();
        testee.recordUse(DEVICE_1, ALICE, T1).block();
        testee.recordUse(DEVICE_1, ALICE, T0).block();

        assertThat(testee.accounts(DEVICE_1).collectList().block()).containsExactly(AccountUse.of(ALICE, DEVICE_1, T1));
    }

    @Test
    default void useShouldBeForgottenAfterTheRetention() {
        DeviceUseRepository testee = testee(Duration.ofSeconds(2));
        testee.recordUse(DEVICE_1, ALICE, T0).block();

        letTimePass(Duration.ofSeconds(3));

        assertThat(testee.accounts(DEVICE_1).collectList().block()).isEmpty();
    }

    @Test
    default void deleteAllShouldForgetTheAccountsUsesOnly() {
        DeviceUseRepository testee = testee();
        testee.recordUse(DEVICE_1, ALICE, T0).block();
        testee.recordUse(DEVICE_2, ALICE, T0).block();
        testee.recordUse(DEVICE_1, BOB, T0).block();

        testee.deleteAll(ALICE).block();

        assertThat(testee.accounts(DEVICE_1).collectList().block()).containsExactly(AccountUse.of(BOB, DEVICE_1, T0));
        assertThat(testee.accounts(DEVICE_2).collectList().block()).isEmpty();
    }

    @Test
    default void renameShouldMoveTheUsesKeepingTheLatest() {
        DeviceUseRepository testee = testee();
        testee.recordUse(DEVICE_1, ALICE, T1).block();
        testee.recordUse(DEVICE_1, BOB, T0).block();

        testee.rename(ALICE, BOB).block();

        assertThat(testee.accounts(DEVICE_1).collectList().block()).containsExactly(AccountUse.of(BOB, DEVICE_1, T1));
    }

    @Test
    default void rekeyShouldMoveEveryAccountsUses() {
        DeviceUseRepository testee = testee();
        testee.recordUse(DEVICE_1, ALICE, T0).block();
        testee.recordUse(DEVICE_1, BOB, T1).block();

        testee.rekey(DEVICE_1, DEVICE_2).block();

        assertThat(testee.accounts(DEVICE_1).collectList().block()).isEmpty();
        assertThat(testee.accounts(DEVICE_2).collectList().block())
            .containsExactlyInAnyOrder(AccountUse.of(ALICE, DEVICE_2, T0), AccountUse.of(BOB, DEVICE_2, T1));
    }
}

package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsernameChangeTaskStep.StepName;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.policy.PolicyConfigurations;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class DeviceHistoryUsernameChangeTaskStepTest {
    private static final Username OLD = Username.of("alice@example.com");
    private static final Username NEW = Username.of("alice.smith@example.com");
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final ClientId LAPTOP = ClientId.of("UUID", "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3");

    private final DeviceHistory deviceHistory = MemoryDeviceHistories.create();
    private final DeviceHistoryUsernameChangeTaskStep step = new DeviceHistoryUsernameChangeTaskStep(deviceHistory);

    @Test
    void changeUsernameShouldMoveDevicesPolicyAndUsesWhenUserRenamed() {
        DeviceId id = DeviceIdFactory.withSecret(PolicyConfigurations.SECRET).deviceId(LAPTOP);
        Device laptop = Device.builder().id(id).type("UUID").hint(DeviceIdFactory.hint(LAPTOP)).status(StatusChange.trusted(Actor.ADMINISTRATOR, NOW)).firstSeen(NOW).build();
        deviceHistory.devices().add(OLD, laptop).block();
        deviceHistory.policies().setPolicy(OLD, AccountPolicy.of(ClientIdMode.ENFORCE, true)).block();
        deviceHistory.uses().recordUse(id, OLD, NOW).block();

        Mono.from(step.changeUsername(OLD, NEW)).block();

        assertThat(deviceHistory.devices().devices(OLD).collectList().block()).isEmpty();
        assertThat(deviceHistory.devices().device(NEW, id).blockOptional()).contains(laptop);
        assertThat(deviceHistory.policies().policy(NEW).blockOptional()).contains(AccountPolicy.of(ClientIdMode.ENFORCE, true));
        assertThat(deviceHistory.uses().accounts(id).collectList().block()).containsExactly(AccountUse.of(NEW, id, NOW));
    }

    @Test
    void priorityShouldComeAfterJamesOwnStepsWhenJamesSortsSteps() {
        // James 3.8.1's steps have priorities 0 (forwards) to 4 (JMAP filters).
        assertThat(step.priority()).isGreaterThan(4);
        assertThat(step.name()).isEqualTo(new StepName("ClientIdDeviceHistoryUsernameChangeTaskStep"));
    }
}

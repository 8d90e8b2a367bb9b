package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.policy.EngineFixture.ALICE;
import static org.jamesclientid.policy.EngineFixture.LAPTOP;
import static org.jamesclientid.policy.EngineFixture.NOW;
import static org.jamesclientid.policy.EngineFixture.PHONE;
import static org.jamesclientid.policy.EngineFixture.attempt;
import static org.jamesclientid.policy.EngineFixture.device;
import static org.jamesclientid.policy.EngineFixture.id;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.MemoryDeviceRepository;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.policy.PolicyDecision.Outcome;
import org.jamesclientid.policy.PolicyDecision.Reason;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What the device history guarantees through the engine (issue 13): nothing stored under names James does not know,
 * pending devices capped, one first device in trust-first however many race, administrators' changes never undone by
 * sign-ins, automatic blocks never over administrators' ones.
 */
class DeviceHistoryGuaranteesTest {
    private final EngineFixture fixture = new EngineFixture();

    private static ClientId token(int i) {
        return ClientId.of("UUID", "random-token-" + i);
    }

    @Test
    @DisplayName("a sign-in naming an account James does not know should leave no row under that name, in any mode")
    void unknownAccountShouldLeaveNoPerAccountRow() {
        Username nobody = Username.of("nobody@example.com");
        fixture.unknownAccounts.add(nobody);
        for (String mode : List.of("observe", "trust-first", "enforce")) {
            ClientIdPolicyEngine engine = fixture.engine("clientid.mode=" + mode);

            assertThat(engine.decide(attempt(nobody, LAPTOP, false, NOW)).block().getReason()).isEqualTo(Reason.PASSWORD);
        }

        assertThat(fixture.history.devices().devices(nobody).collectList().block()).isEmpty();
        assertThat(fixture.history.activity().activities(nobody).collectList().block()).isEmpty();
        assertThat(fixture.useRecorded(LAPTOP, nobody)).isFalse();
        assertThat(fixture.limits.countSince(LimitKey.account(nobody), NOW.minusSeconds(1)).block()).isZero();
        assertThat(fixture.limits.countSince(LimitKey.deviceOnAccount(id(LAPTOP), nobody), NOW.minusSeconds(1)).block()).isZero();
        assertThat(fixture.failuresInWindow(LAPTOP, NOW.minusSeconds(1))).as("the device's failures count it").isEqualTo(3);
    }

    @Test
    @DisplayName("an account should keep at most clientid.pending.perAccount pending devices, however many tokens are tried")
    void pendingDevicesShouldBeCappedPerAccount() {
        ClientIdPolicyConfiguration configuration = PolicyConfigurations.policy("clientid.mode=enforce", "clientid.pending.perAccount=5",
            "clientid.failures.account.limit=1000", "clientid.failures.address.limit=1000");
        // The stores take the limits from the same configuration, as ClientIdPolicyModule binds them.
        DeviceHistory history = new DeviceHistory(new MemoryDeviceRepository(Clock.systemUTC(), configuration.getPendingDeviceLimits()),
            fixture.history.activity(), fixture.history.blocks(), fixture.history.policies(), fixture.history.uses());
        history.devices().add(ALICE, device(PHONE, DeviceStatus.TRUSTED)).block();
        ClientIdPolicyEngine engine = fixture.engine(history, configuration, Set.of(), new RecordingMetricFactory());

        IntStream.range(0, 50).forEach(i -> engine.decide(attempt(ALICE, token(i), false, NOW.plusSeconds(i))).block());

        List<Device> devices = history.devices().devices(ALICE).collectList().block();
        assertThat(devices.stream().filter(device -> device.getStatus() == DeviceStatus.PENDING)).hasSize(5);
        assertThat(devices).anyMatch(device -> device.getId().equals(id(PHONE)) && device.getStatus() == DeviceStatus.TRUSTED);
    }

    @Test
    @DisplayName("trust-first should trust exactly one device when several first sign-ins race")
    void concurrentFirstSignInsShouldTrustExactlyOneDevice() {
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=trust-first");

        List<PolicyDecision> decisions = Flux.range(0, 16)
            .parallel(16)
            .runOn(Schedulers.boundedElastic())
            .flatMap(i -> engine.decide(attempt(ALICE, token(i), true, NOW)))
            .sequential()
            .collectList()
            .block();

        assertThat(decisions).filteredOn(decision -> decision.getOutcome() == Outcome.ALLOW).hasSize(1);
        assertThat(fixture.history.devices().devices(ALICE).collectList().block())
            .filteredOn(device -> device.getStatus() == DeviceStatus.TRUSTED).hasSize(1);
    }

    @Test
    @DisplayName("an administrator's revocation should hold while the device signs in at full speed (observe would trust it)")
    void revocationShouldHoldWhileTheDeviceSignsIn() throws Exception {
        fixture.given(ALICE, device(LAPTOP, DeviceStatus.PENDING));
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=observe");
        AtomicBoolean revoked = new AtomicBoolean();
        Thread signIns = new Thread(() -> {
            for (int i = 0; i < 2000; i++) {
                PolicyDecision decision = engine.decide(attempt(ALICE, LAPTOP, true, NOW.plusMillis(i))).block();
                if (revoked.get()) {
                    assertThat(decision.getOutcome()).as("after the revocation").isNotEqualTo(Outcome.ALLOW);
                }
            }
        });
        signIns.start();
        Thread.sleep(5);
        StatusChange revocation = StatusChange.revoked(Optional.empty(), Actor.ADMINISTRATOR, NOW);
        fixture.history.devices().changeStatus(ALICE, id(LAPTOP), revocation).block();
        revoked.set(true);
        signIns.join();

        assertThat(fixture.stored(ALICE, LAPTOP).get().getStatusChange()).isEqualTo(revocation);
    }

    @Test
    @DisplayName("an automatic block should never shorten nor replace an administrator's block")
    void automaticBlockShouldNotReplaceAnAdministratorsBlock() {
        Block forever = Block.of(id(LAPTOP), Actor.ADMINISTRATOR, NOW, Optional.empty(), Optional.of("stolen laptop"));
        fixture.history.blocks().block(forever).block();
        fixture.history.blocks().blockAutomatically(Block.of(id(LAPTOP), Actor.AUTOMATIC, NOW, Optional.of(NOW.plus(Duration.ofMinutes(15))),
            Optional.of("too many failures"))).block();

        assertThat(fixture.block(LAPTOP)).contains(forever);
        PolicyDecision later = fixture.engine("clientid.mode=observe")
            .decide(attempt(ALICE, LAPTOP, true, NOW.plus(Duration.ofDays(30)))).block();
        assertThat(later.getReason()).isEqualTo(Reason.BLOCKED);
    }

    @Test
    @DisplayName("U2 once an administrator lifts a shared-device block, the device should go on for its accounts until a new one")
    void liftedSharedDeviceShouldGoOnForItsAccountsUntilANewOne() {
        ClientIdPolicyEngine engine = fixture.engine("clientid.mode=observe");
        for (int i = 1; i <= 6; i++) {
            engine.decide(attempt(SharedDeviceTest.user(i), LAPTOP, true, NOW.plusSeconds(i))).block();
        }
        assertThat(fixture.block(LAPTOP)).isPresent();

        fixture.history.blocks().unblock(id(LAPTOP)).block();

        Instant later = NOW.plusSeconds(60);
        for (int i = 1; i <= 5; i++) {
            assertThat(engine.decide(attempt(SharedDeviceTest.user(i), LAPTOP, true, later.plusSeconds(i))).block().getOutcome())
                .as("account %s, which had the device", i).isEqualTo(Outcome.ALLOW);
        }
        assertThat(engine.decide(attempt(SharedDeviceTest.user(7), LAPTOP, true, later.plusSeconds(10))).block().getReason())
            .as("a new account").isEqualTo(Reason.SHARED_DEVICE);
    }
}

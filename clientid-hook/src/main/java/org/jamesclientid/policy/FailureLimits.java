package org.jamesclientid.policy;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;
import org.jamesclientid.limit.Throttles;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Mono;

/**
 * The failure limits (docs/security.md, "Throttling"): each refused AUTH counts once per connection, whatever the
 * password, against
 * <ul>
 *     <li>its device on its account ({@code clientid.failures.*}): the device is throttled on that account, trusted
 *     or not, so that knowing a trusted token buys no unlimited guessing;</li>
 *     <li>its device on every account ({@code clientid.failures.allAccounts.*}): the device is blocked everywhere;</li>
 *     <li>its account and its address, for what the account does not trust: an unknown or untrusted device, or no
 *     CLIENTID ({@code clientid.failures.account.*}, {@code clientid.failures.address.*}): those are throttled on the
 *     account, or from the address, while the account's trusted devices go on.</li>
 * </ul>
 * A throttled or blocked attempt writes nothing: hammering it grows nothing.
 */
class FailureLimits {
    static final String TOO_MANY_FAILURES_TEXT = "too many failures";

    private final BlockRepository blocks;
    private final FailureCounters counters;
    private final Throttles throttles;
    private final ClientIdPolicyConfiguration configuration;

    FailureLimits(BlockRepository blocks, FailureCounters counters, Throttles throttles, ClientIdPolicyConfiguration configuration) {
        this.blocks = blocks;
        this.counters = counters;
        this.throttles = throttles;
        this.configuration = configuration;
    }

    /**
     * The attempt's three throttles, whether each is active: the device on the account, the account, the address,
     * in the order of {@link ThrottleState#of(boolean, boolean, boolean)}. The engine sends them with its other reads,
     * in one zip: a zip of their own added its operators to every AUTH (docs/benchmarks.md).
     */
    List<Mono<Boolean>> throttleReads(AuthAttempt attempt, Optional<DeviceId> deviceId) {
        Instant now = attempt.getAt();
        return List.of(
            active(deviceId.map(id -> LimitKey.deviceOnAccount(id, attempt.getUsername())), now),
            active(Optional.of(LimitKey.account(attempt.getUsername())), now),
            active(addressKey(attempt), now));
    }

    private Mono<Boolean> active(Optional<LimitKey> key, Instant now) {
        return key.map(present -> Mono.defer(() -> throttles.find(present))
                .map(throttle -> throttle.isActive(now))
                .defaultIfEmpty(false))
            .orElse(Mono.just(false));
    }

    private static Optional<LimitKey> addressKey(AuthAttempt attempt) {
        return attempt.getRemoteIp().map(LimitKey::address);
    }

    /**
     * Counts a refusal (unless this connection already counted one for the same identity and account) and sets the
     * throttles and blocks whose limit it reaches: then the decision says {@code TOO_MANY_FAILURES}. A name James does
     * not know counts toward the device's and the address's limits only: nothing is written under it.
     */
    Mono<Evaluation> countRefusal(AuthAttempt attempt, Evaluation refusal, boolean trustedDevice, boolean accountKnown) {
        if (attempt.isFailureCountedOnConnection()) {
            return Mono.just(refusal);
        }
        Instant now = attempt.getAt();
        Optional<PresentedDevice> device = refusal.device().filter(PresentedDevice::isUsedForAuthentication);
        String deviceForLog = device.map(PresentedDevice::idForLog).orElse("-");
        Mono<Boolean> allAccounts = device.map(presented -> blockOnEveryAccount(attempt, presented)).orElse(Mono.just(false));
        Mono<Boolean> deviceOnAccount = throttle(attempt, device.filter(any -> accountKnown)
                .map(presented -> LimitKey.deviceOnAccount(presented.id(), attempt.getUsername())),
            configuration.getFailureLimit(), deviceForLog);
        Mono<Boolean> account = trustedDevice || !accountKnown ? Mono.just(false)
            : throttle(attempt, Optional.of(LimitKey.account(attempt.getUsername())), configuration.getAccountFailureLimit(), deviceForLog);
        Mono<Boolean> address = trustedDevice ? Mono.just(false)
            : throttle(attempt, addressKey(attempt), configuration.getAddressFailureLimit(), deviceForLog);
        return Mono.zip(allAccounts, deviceOnAccount, account, address)
            .map(reached -> {
                if (!(reached.getT1() || reached.getT2() || reached.getT3() || reached.getT4())) {
                    return refusal;
                }
                Evaluation limited = refusal.withDecision(PolicyDecision.deny(PolicyDecision.Reason.TOO_MANY_FAILURES,
                    device.map(PresentedDevice::id)));
                // The owner hears of a device stopped on their account; not of their account being throttled for
                // unknown devices (a notice per attack would be a weapon).
                if (!(reached.getT1() || reached.getT2())) {
                    return limited;
                }
                Instant until = Collections.max(ImmutableList.of(
                    reached.getT1() ? configuration.getAllAccountsFailureLimit().blockEnd(now) : now,
                    reached.getT2() ? configuration.getFailureLimit().blockEnd(now) : now));
                return limited.withAlert(true, Alert.Kind.DEVICE_BLOCKED, attempt, alert -> alert.until(Optional.of(until)));
            });
    }

    private Mono<Boolean> blockOnEveryAccount(AuthAttempt attempt, PresentedDevice device) {
        Instant now = attempt.getAt();
        DeviceId deviceId = device.id();
        DeviceLimit limit = configuration.getAllAccountsFailureLimit();
        return logFailedWrite(Mono.defer(() -> counters.recordAndCountSince(LimitKey.device(deviceId), now, limit.windowStart(now))),
                "authentication failure", attempt, device.idForLog())
            .defaultIfEmpty(0L)
            .flatMap(failures -> {
                if (failures < limit.getThreshold()) {
                    return Mono.just(false);
                }
                Block block = Block.of(deviceId, Actor.AUTOMATIC, now, Optional.of(limit.blockEnd(now)), Optional.of(TOO_MANY_FAILURES_TEXT));
                return logFailedWrite(Mono.defer(() -> blocks.blockAutomatically(block)), "block (" + TOO_MANY_FAILURES_TEXT + ")", attempt, device.idForLog())
                    .thenReturn(true);
            });
    }

    private Mono<Boolean> throttle(AuthAttempt attempt, Optional<LimitKey> key, DeviceLimit limit, String deviceForLog) {
        if (key.isEmpty()) {
            return Mono.just(false);
        }
        Instant now = attempt.getAt();
        return logFailedWrite(counters.recordAndCountSince(key.get(), now, limit.windowStart(now)), "authentication failure", attempt,
                deviceForLog)
            .defaultIfEmpty(0L)
            .flatMap(failures -> {
                if (failures < limit.getThreshold()) {
                    return Mono.just(false);
                }
                return logFailedWrite(throttles.save(Throttle.of(key.get(), now, limit.blockEnd(now))), "throttle", attempt, deviceForLog)
                    .thenReturn(true);
            });
    }

    private static <T> Mono<T> logFailedWrite(Mono<T> write, String what, AuthAttempt attempt, String deviceForLog) {
        return FailedWrites.logged(FailureLimits.class, write, what, attempt, deviceForLog);
    }
}

package org.jamesclientid.policy;

import static org.jamesclientid.policy.PolicyDecision.Reason.BLOCKED;
import static org.jamesclientid.policy.PolicyDecision.Reason.NEW_DEVICE;
import static org.jamesclientid.policy.PolicyDecision.Reason.OK;
import static org.jamesclientid.policy.PolicyDecision.Reason.PASSWORD;
import static org.jamesclientid.policy.PolicyDecision.Reason.PENDING;
import static org.jamesclientid.policy.PolicyDecision.Reason.REVOKED;
import static org.jamesclientid.policy.PolicyDecision.Reason.SHARED_DEVICE;
import static org.jamesclientid.policy.PolicyDecision.Reason.TOO_MANY_FAILURES;
import static org.jamesclientid.policy.PolicyDecision.Reason.UNKNOWN_DEVICE;

import java.time.Instant;
import java.util.Optional;

import org.jamesclientid.core.LogText;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * The device part of the policy, for an identity whose type is used for authentication and accepted by the type
 * rules. The same lookups run whatever the password, so neither the reply time nor the store traffic tells an
 * attacker which part failed; the writes then record either a success or a failure.
 *
 * <p>Store operations per AUTH, none of them a scan: the block and the account's device come read by the engine;
 * then (trust-first, unknown device) any device of the account; then use + distinct accounts, (wrong password)
 * failure + failure count; then the device and a block. A blocked device costs the lookups only, so that hammering
 * it grows nothing.</p>
 */
class DeviceChecks {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeviceChecks.class);
    static final String TOO_MANY_FAILURES_TEXT = "too many failures";
    static final String SHARED_DEVICE_TEXT = "shared device";

    private final DeviceHistory history;
    private final ClientIdPolicyConfiguration configuration;

    DeviceChecks(DeviceHistory history, ClientIdPolicyConfiguration configuration) {
        this.history = history;
        this.configuration = configuration;
    }

    Mono<Evaluation> evaluate(AuthAttempt attempt, AccountPolicy policy, PresentedDevice device, Optional<Device> known,
                              Optional<Block> block) {
        if (block.map(found -> found.isActive(attempt.getAt())).orElse(false)) {
            return Mono.just(evaluation(policy, device, PolicyDecision.deny(BLOCKED, Optional.of(device.id()))));
        }
        return accountHasDevices(attempt, policy, known)
            .flatMap(accountHasDevices -> countAndDecide(attempt, policy, device, known, accountHasDevices));
    }

    private Mono<Boolean> accountHasDevices(AuthAttempt attempt, AccountPolicy policy, Optional<Device> known) {
        // Only trust-first asks, and only for a device the account does not know.
        if (policy.getMode() == ClientIdMode.TRUST_FIRST && known.isEmpty()) {
            return history.hasAnyDevice(attempt.getUsername()).defaultIfEmpty(false);
        }
        return Mono.just(true);
    }

    private Mono<Evaluation> countAndDecide(AuthAttempt attempt, AccountPolicy policy, PresentedDevice device,
                                            Optional<Device> known, boolean accountHasDevices) {
        Instant now = attempt.getAt();
        Mono<Long> accounts = logFailedWrite(Mono.defer(() -> history.recordUseAndCountAccountsSince(device.id(), attempt.getUsername(),
                now, configuration.getSharedDeviceLimit().windowStart(now))), "device use", attempt, device)
            .defaultIfEmpty(0L);
        Mono<Long> recentFailures = attempt.isPasswordValid() ? Mono.just(0L)
            : logFailedWrite(history.recordFailure(device.id(), now), "authentication failure", attempt, device)
                .then(Mono.defer(() -> history.failuresSince(device.id(), configuration.getFailureLimit().windowStart(now))))
                .defaultIfEmpty(0L);

        return Mono.zip(accounts, recentFailures).flatMap(counts -> {
            if (counts.getT1() > configuration.getSharedDeviceLimit().getThreshold()) {
                return sharedDevice(attempt, policy, device, known);
            }
            if (!attempt.isPasswordValid()) {
                return wrongPassword(attempt, policy, device, known, counts.getT2());
            }
            return known.map(stored -> knownDevice(attempt, policy, device, stored))
                .orElseGet(() -> newDevice(attempt, policy, device, accountHasDevices));
        });
    }

    private Mono<Evaluation> sharedDevice(AuthAttempt attempt, AccountPolicy policy, PresentedDevice device, Optional<Device> known) {
        Optional<Device> updated = known.map(stored -> attempt.isPasswordValid()
            ? stored.seen(attempt.getAt(), attempt.getRemoteIp())
            : stored.failed(attempt.getAt(), attempt.getRemoteIp()));
        return save(attempt, device, updated)
            .then(Mono.defer(() -> block(attempt, policy, device, configuration.getSharedDeviceLimit(), SHARED_DEVICE, SHARED_DEVICE_TEXT)));
    }

    private Mono<Evaluation> wrongPassword(AuthAttempt attempt, AccountPolicy policy, PresentedDevice device, Optional<Device> known,
                                           long recentFailures) {
        // Only a device the account knows gets a failure on its record: an unknown one must not join the account.
        Mono<Void> saveDevice = save(attempt, device, known.map(stored -> stored.failed(attempt.getAt(), attempt.getRemoteIp())));
        if (recentFailures >= configuration.getFailureLimit().getThreshold()) {
            return saveDevice.then(Mono.defer(() ->
                block(attempt, policy, device, configuration.getFailureLimit(), TOO_MANY_FAILURES, TOO_MANY_FAILURES_TEXT)));
        }
        return saveDevice.thenReturn(evaluation(policy, device, PolicyDecision.deny(PASSWORD, Optional.of(device.id()))));
    }

    private Mono<Evaluation> block(AuthAttempt attempt, AccountPolicy policy, PresentedDevice device, DeviceLimit limit,
                                   PolicyDecision.Reason reason, String text) {
        Block block = Block.of(device.id(), attempt.getAt(), Optional.of(limit.blockEnd(attempt.getAt())), Optional.of(text));
        return logFailedWrite(history.saveBlock(block), "block (" + text + ")", attempt, device)
            .thenReturn(evaluation(policy, device, PolicyDecision.deny(reason, Optional.of(device.id())))
                .withAlert(device.alert(Alert.Kind.DEVICE_BLOCKED, attempt)));
    }

    private Mono<Evaluation> knownDevice(AuthAttempt attempt, AccountPolicy policy, PresentedDevice device, Device stored) {
        Instant now = attempt.getAt();
        switch (stored.effectiveStatus(now)) {
            case TRUSTED:
                // trusted() also clears a revocation that has ended
                return allow(attempt, policy, device, stored.trusted().succeeded(now, attempt.getRemoteIp()), OK);
            case PENDING:
                if (policy.getMode().isStrict()) {
                    return deny(attempt, policy, device, stored.seen(now, attempt.getRemoteIp()), PENDING);
                }
                return allow(attempt, policy, device, stored.trusted().succeeded(now, attempt.getRemoteIp()), OK);
            default:
                return deny(attempt, policy, device, stored.seen(now, attempt.getRemoteIp()), REVOKED);
        }
    }

    private Mono<Evaluation> newDevice(AuthAttempt attempt, AccountPolicy policy, PresentedDevice device, boolean accountHasDevices) {
        boolean trusted = policy.getMode() == ClientIdMode.OBSERVE
            || (policy.getMode() == ClientIdMode.TRUST_FIRST && !accountHasDevices);
        boolean alert = configuration.isAlertOnNewDevice();
        if (trusted) {
            Device recorded = device.newDevice(DeviceStatus.TRUSTED, attempt).succeeded(attempt.getAt(), attempt.getRemoteIp());
            return allow(attempt, policy, device, recorded, NEW_DEVICE)
                .map(evaluation -> evaluation.withAlert(alert, Alert.Kind.NEW_DEVICE, attempt));
        }
        // Recorded although denied (P8): an administrator can approve it.
        return deny(attempt, policy, device, device.newDevice(DeviceStatus.PENDING, attempt), UNKNOWN_DEVICE)
            .map(evaluation -> evaluation.withAlert(alert, Alert.Kind.DEVICE_DENIED, attempt));
    }

    private Mono<Evaluation> allow(AuthAttempt attempt, AccountPolicy policy, PresentedDevice device, Device recorded,
                                   PolicyDecision.Reason reason) {
        return save(attempt, device, Optional.of(recorded))
            .thenReturn(evaluation(policy, device, PolicyDecision.allow(reason, Optional.of(device.id()))));
    }

    private Mono<Evaluation> deny(AuthAttempt attempt, AccountPolicy policy, PresentedDevice device, Device recorded,
                                  PolicyDecision.Reason reason) {
        return save(attempt, device, Optional.of(recorded))
            .thenReturn(evaluation(policy, device, PolicyDecision.deny(reason, Optional.of(device.id()))));
    }

    private Mono<Void> save(AuthAttempt attempt, PresentedDevice device, Optional<Device> recorded) {
        return recorded
            .map(toSave -> logFailedWrite(history.save(attempt.getUsername(), toSave), "device", attempt, device))
            .orElse(Mono.empty());
    }

    private static Evaluation evaluation(AccountPolicy policy, PresentedDevice device, PolicyDecision decision) {
        return Evaluation.of(policy, Optional.of(device), decision);
    }

    private static <T> Mono<T> logFailedWrite(Mono<T> write, String what, AuthAttempt attempt, PresentedDevice device) {
        // The caller turns the error into a store-unavailable decision; this line says what was not recorded.
        return write.doOnError(error -> LOGGER.warn("CLIENTID could not record the {} of account={} device={} at {}: {}",
            what, LogText.quoted(attempt.getUsername().asString()), device.idForLog(), attempt.getAt(), error.toString()));
    }
}

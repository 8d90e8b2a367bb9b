package org.jamesclientid.policy;

import org.jamesclientid.core.ClientIdMode;

import static org.jamesclientid.policy.PolicyDecision.Reason.NEW_DEVICE;
import static org.jamesclientid.policy.PolicyDecision.Reason.OK;
import static org.jamesclientid.policy.PolicyDecision.Reason.PASSWORD;
import static org.jamesclientid.policy.PolicyDecision.Reason.PENDING;
import static org.jamesclientid.policy.PolicyDecision.Reason.REVOKED;
import static org.jamesclientid.policy.PolicyDecision.Reason.SHARED_DEVICE;
import static org.jamesclientid.policy.PolicyDecision.Reason.UNKNOWN_DEVICE;

import java.time.Instant;
import java.util.Optional;

import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceStatus;

import reactor.core.publisher.Mono;

/**
 * The device part of the policy, for an identity whose type is used for authentication and accepted by the type
 * rules, on a device neither blocked nor throttled. The same lookups run whatever the password, so neither the reply
 * time nor the store traffic tells an attacker which part failed.
 *
 * <p>A device the policy refuses is recorded exactly as a wrong password with that device would be (the device's
 * failure, an unknown device as pending), and counts toward the failure limits the same way ({@link FailureLimits}):
 * so nothing stored, and no later reply, tells a right password from a wrong one (docs/security.md). Only where the
 * password decides the reply anyway (a device the policy accepts) does a wrong password record less: an unknown
 * device with a wrong password never joins the account.</p>
 *
 * <p>Store operations per AUTH, none of them a scan: the block and the account's device come read by the engine;
 * then (trust-first, unknown device) any device of the account; then use + distinct accounts; then the device.</p>
 */
class DeviceChecks {
    static final String SHARED_DEVICE_TEXT = "shared device";

    private final DeviceHistory history;
    private final ClientIdPolicyConfiguration configuration;

    DeviceChecks(DeviceHistory history, ClientIdPolicyConfiguration configuration) {
        this.history = history;
        this.configuration = configuration;
    }

    Mono<Evaluation> evaluate(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Optional<Device> known) {
        return accountHasDevices(attempt, policy, known)
            .flatMap(accountHasDevices -> countAndDecide(attempt, policy, device, known, accountHasDevices));
    }

    private Mono<Boolean> accountHasDevices(AuthAttempt attempt, PolicyInForce policy, Optional<Device> known) {
        // Only trust-first asks, and only for a device the account does not know.
        if (policy.getMode() == ClientIdMode.TRUST_FIRST && known.isEmpty()) {
            return history.hasAnyDevice(attempt.getUsername()).defaultIfEmpty(false);
        }
        return Mono.just(true);
    }

    private Mono<Evaluation> countAndDecide(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device,
                                            Optional<Device> known, boolean accountHasDevices) {
        Instant now = attempt.getAt();
        return logFailedWrite(Mono.defer(() -> history.recordUseAndCountAccountsSince(device.id(), attempt.getUsername(),
                now, configuration.getSharedDeviceLimit().windowStart(now))), "device use", attempt, device)
            .defaultIfEmpty(0L)
            .flatMap(accounts -> {
                if (accounts > configuration.getSharedDeviceLimit().getThreshold()) {
                    return sharedDevice(attempt, policy, device, known);
                }
                return known.map(stored -> knownDevice(attempt, policy, device, stored))
                    .orElseGet(() -> newDevice(attempt, policy, device, accountHasDevices));
            });
    }

    private Mono<Evaluation> sharedDevice(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Optional<Device> known) {
        DeviceLimit limit = configuration.getSharedDeviceLimit();
        Block block = Block.of(device.id(), attempt.getAt(), Optional.of(limit.blockEnd(attempt.getAt())), Optional.of(SHARED_DEVICE_TEXT));
        return save(attempt, device, known.map(stored -> stored.failed(attempt.getAt(), attempt.getRemoteIp())))
            .then(logFailedWrite(history.saveBlock(block), "block (" + SHARED_DEVICE_TEXT + ")", attempt, device))
            .thenReturn(evaluation(policy, device, PolicyDecision.deny(SHARED_DEVICE, Optional.of(device.id())))
                .withAlert(device.alert(Alert.Kind.DEVICE_BLOCKED, attempt)));
    }

    private Mono<Evaluation> knownDevice(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Device stored) {
        Instant now = attempt.getAt();
        switch (stored.effectiveStatus(now)) {
            case TRUSTED:
                return byPassword(attempt, policy, device, stored, OK);
            case PENDING:
                if (policy.getMode().isStrict()) {
                    // The owner hears of it only when the password was right, as for an unknown device.
                    return refuse(attempt, policy, device, stored, PENDING)
                        .map(evaluation -> evaluation.withAlert(attempt.isPasswordValid(), Alert.Kind.DEVICE_PENDING, attempt,
                            alert -> alert.firstSeen(Optional.of(stored.getFirstSeen()))));
                }
                return byPassword(attempt, policy, device, stored, OK);
            default:
                return refuse(attempt, policy, device, stored, REVOKED)
                    .map(evaluation -> evaluation.withAlert(attempt.isPasswordValid(), Alert.Kind.DEVICE_REVOKED, attempt,
                        alert -> alert.firstSeen(Optional.of(stored.getFirstSeen())).until(stored.getRevokedUntil())));
        }
    }

    private Mono<Evaluation> newDevice(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, boolean accountHasDevices) {
        boolean trustedOnArrival = policy.getMode() == ClientIdMode.OBSERVE
            || (policy.getMode() == ClientIdMode.TRUST_FIRST && !accountHasDevices);
        boolean alert = configuration.isAlertOnNewDevice();
        if (trustedOnArrival) {
            if (!attempt.isPasswordValid()) {
                // An unknown device with a wrong password must not join the account.
                return Mono.just(evaluation(policy, device, PolicyDecision.deny(PASSWORD, Optional.of(device.id()))));
            }
            Device recorded = device.newDevice(DeviceStatus.TRUSTED, attempt).succeeded(attempt.getAt(), attempt.getRemoteIp());
            return save(attempt, device, Optional.of(recorded))
                .thenReturn(evaluation(policy, device, PolicyDecision.allow(NEW_DEVICE, Optional.of(device.id())))
                    .withAlert(alert, Alert.Kind.NEW_DEVICE, attempt, details -> details.firstSeen(Optional.of(attempt.getAt()))));
        }
        // Recorded although refused (P8), whatever the password: an administrator can approve it. Only the owner
        // hears of it, and only when the password was right (their password is then known to someone).
        return refuse(attempt, policy, device, device.newDevice(DeviceStatus.PENDING, attempt), UNKNOWN_DEVICE)
            .map(evaluation -> evaluation.withAlert(alert && attempt.isPasswordValid(), Alert.Kind.DEVICE_DENIED, attempt,
                details -> details.firstSeen(Optional.of(attempt.getAt()))));
    }

    /**
     * A device the policy accepts: the password decides.
     */
    private Mono<Evaluation> byPassword(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Device stored,
                                        PolicyDecision.Reason reasonWhenValid) {
        Instant now = attempt.getAt();
        if (attempt.isPasswordValid()) {
            // trusted(): a pending device in observe becomes trusted, and a revocation that has ended is cleared;
            // only a right password does that.
            return save(attempt, device, Optional.of(stored.trusted().succeeded(now, attempt.getRemoteIp())))
                .thenReturn(evaluation(policy, device, PolicyDecision.allow(reasonWhenValid, Optional.of(device.id()))));
        }
        return save(attempt, device, Optional.of(stored.failed(now, attempt.getRemoteIp())))
            .thenReturn(evaluation(policy, device, PolicyDecision.deny(PASSWORD, Optional.of(device.id()))));
    }

    /**
     * A device the policy refuses: recorded as a failure whatever the password.
     */
    private Mono<Evaluation> refuse(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Device stored,
                                    PolicyDecision.Reason reason) {
        // The reason is for the operator's log and never reaches the client: a wrong password says PASSWORD (what
        // fail2ban counts), a right one why the device was refused (the password is known to someone).
        PolicyDecision.Reason logged = attempt.isPasswordValid() ? reason : PASSWORD;
        return save(attempt, device, Optional.of(stored.failed(attempt.getAt(), attempt.getRemoteIp())))
            .thenReturn(evaluation(policy, device, PolicyDecision.deny(logged, Optional.of(device.id()))));
    }

    private Mono<Void> save(AuthAttempt attempt, PresentedDevice device, Optional<Device> recorded) {
        return recorded
            .map(toSave -> logFailedWrite(history.save(attempt.getUsername(), toSave), "device", attempt, device))
            .orElse(Mono.empty());
    }

    private static Evaluation evaluation(PolicyInForce policy, PresentedDevice device, PolicyDecision decision) {
        return Evaluation.of(policy, Optional.of(device), decision);
    }

    private static <T> Mono<T> logFailedWrite(Mono<T> write, String what, AuthAttempt attempt, PresentedDevice device) {
        return FailedWrites.logged(DeviceChecks.class, write, what, attempt, device.idForLog());
    }
}

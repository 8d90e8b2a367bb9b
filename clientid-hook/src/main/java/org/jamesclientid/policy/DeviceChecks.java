package org.jamesclientid.policy;

import static org.jamesclientid.policy.PolicyDecision.Reason.NEW_DEVICE;
import static org.jamesclientid.policy.PolicyDecision.Reason.OK;
import static org.jamesclientid.policy.PolicyDecision.Reason.PASSWORD;
import static org.jamesclientid.policy.PolicyDecision.Reason.PENDING;
import static org.jamesclientid.policy.PolicyDecision.Reason.REVOKED;
import static org.jamesclientid.policy.PolicyDecision.Reason.SHARED_DEVICE;
import static org.jamesclientid.policy.PolicyDecision.Reason.STORE_UNAVAILABLE;
import static org.jamesclientid.policy.PolicyDecision.Reason.UNKNOWN_DEVICE;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.StatusChange;

import reactor.core.publisher.Mono;

/**
 * The device part of the policy, for an identity whose type is used for authentication and accepted by the type
 * rules, on a device neither blocked nor throttled. Every read it needs came in {@link Lookups}, whatever the
 * password, so neither the reply time nor the store traffic tells an attacker which part failed.
 *
 * <p>A device the policy refuses is recorded exactly as a wrong password with that device would be (a failure in its
 * activity, an unknown device as pending), and counts toward the failure limits the same way ({@link FailureLimits}):
 * nothing stored, and no later reply, tells a right password from a wrong one (docs/security.md). Only where the
 * password decides the reply anyway does a wrong password record less: an unknown device with a wrong password never
 * joins an account in observe, nor takes trust-first's first place. A name James does not know gets no per-account
 * record at all.</p>
 *
 * <p>Writes: what administrators own changes only through the product's transitions, each conditional
 * ({@code add} when absent, {@code addFirst}, {@code changeStatusIf}): when one finds the device changed since the
 * read (an administrator's revoke or approval), the device is read again and decided as it now is. The activity and
 * the use are bookkeeping: sent without the reply waiting for them (docs/cassandra.md, round trips), a failure
 * logged.</p>
 */
class DeviceChecks {
    static final String SHARED_DEVICE_TEXT = "shared device";

    private final DeviceHistory history;
    private final ClientIdPolicyConfiguration configuration;

    DeviceChecks(DeviceHistory history, ClientIdPolicyConfiguration configuration) {
        this.history = history;
        this.configuration = configuration;
    }

    Mono<Evaluation> evaluate(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Lookups lookups) {
        return evaluate(attempt, policy, device, lookups, true);
    }

    private Mono<Evaluation> evaluate(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Lookups lookups,
                                      boolean mayReadAgain) {
        if (lookups.device().isPresent()) {
            recordUse(attempt, device);
            return knownDevice(attempt, policy, device, lookups, lookups.device().get(), mayReadAgain);
        }
        if (!lookups.accountKnown()) {
            // A name James does not know: nothing is recorded under it; the failure limits count the device and the
            // address.
            return Mono.just(evaluation(policy, device, PolicyDecision.deny(PASSWORD, Optional.of(device.id()))));
        }
        if (isNewAccountBeyondSharedLimit(attempt, device, lookups)) {
            return sharedDevice(attempt, policy, device);
        }
        recordUse(attempt, device);
        return newDevice(attempt, policy, device, lookups, mayReadAgain);
    }

    /**
     * The shared-device limit counts the accounts a device signed in to within its window; only an account new to the
     * device can exceed it, so that once an administrator lifts the block the device goes on for the accounts it had.
     */
    private boolean isNewAccountBeyondSharedLimit(AuthAttempt attempt, PresentedDevice device, Lookups lookups) {
        Instant windowStart = configuration.getSharedDeviceLimit().windowStart(attempt.getAt());
        long otherAccounts = lookups.uses().stream()
            .filter(use -> !use.getLastSeen().isBefore(windowStart))
            .filter(use -> !use.getUsername().equals(attempt.getUsername()))
            .count();
        boolean newAccount = lookups.uses().stream().noneMatch(use -> use.getUsername().equals(attempt.getUsername()));
        return newAccount && otherAccounts + 1 > configuration.getSharedDeviceLimit().getThreshold();
    }

    private Mono<Evaluation> sharedDevice(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device) {
        DeviceLimit limit = configuration.getSharedDeviceLimit();
        Block block = Block.of(device.id(), Actor.AUTOMATIC, attempt.getAt(), Optional.of(limit.blockEnd(attempt.getAt())),
            Optional.of(SHARED_DEVICE_TEXT));
        return logFailedWrite(Mono.defer(() -> history.blocks().blockAutomatically(block)), "block (" + SHARED_DEVICE_TEXT + ")", attempt, device)
            .thenReturn(evaluation(policy, device, PolicyDecision.deny(SHARED_DEVICE, Optional.of(device.id())))
                .withAlert(device.alert(Alert.Kind.DEVICE_BLOCKED, attempt)));
    }

    private Mono<Evaluation> knownDevice(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Lookups lookups,
                                         Device stored, boolean mayReadAgain) {
        Instant now = attempt.getAt();
        switch (stored.effectiveStatus(now)) {
            case TRUSTED:
                return byPassword(attempt, policy, device, lookups, stored, mayReadAgain);
            case PENDING:
                if (policy.getMode().isStrict()) {
                    // The owner hears of it only when the password was right, as for an unknown device.
                    return Mono.just(refuse(attempt, policy, device, lookups, stored, PENDING)
                        .withAlert(attempt.isPasswordValid(), Alert.Kind.DEVICE_PENDING, attempt,
                            alert -> alert.firstSeen(Optional.of(stored.getFirstSeen()))));
                }
                return byPassword(attempt, policy, device, lookups, stored, mayReadAgain);
            default:
                return Mono.just(refuse(attempt, policy, device, lookups, stored, REVOKED)
                    .withAlert(attempt.isPasswordValid(), Alert.Kind.DEVICE_REVOKED, attempt,
                        alert -> alert.firstSeen(Optional.of(stored.getFirstSeen())).until(stored.getRevokedUntil())));
        }
    }

    private Mono<Evaluation> newDevice(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Lookups lookups,
                                       boolean mayReadAgain) {
        ClientIdMode mode = policy.getMode();
        if (mode == ClientIdMode.OBSERVE) {
            if (!attempt.isPasswordValid()) {
                // An unknown device with a wrong password joins no account.
                return Mono.just(evaluation(policy, device, PolicyDecision.deny(PASSWORD, Optional.of(device.id()))));
            }
            return addTrusted(attempt, policy, device, lookups, Mono.defer(() -> history.devices().add(attempt.getUsername(),
                device.newDevice(DeviceStatus.TRUSTED, attempt))), mayReadAgain);
        }
        if (mode == ClientIdMode.TRUST_FIRST) {
            if (attempt.isPasswordValid()) {
                // Exactly one of racing first sign-ins takes the place; the others are new devices like any later one.
                Device first = device.newDevice(DeviceStatus.TRUSTED, attempt);
                return logFailedWrite(Mono.defer(() -> history.devices().addFirst(attempt.getUsername(), first)), "device", attempt, device)
                    .flatMap(added -> added
                        ? Mono.just(trustedOnArrival(attempt, policy, device))
                        : addPending(attempt, policy, device, lookups, mayReadAgain));
            }
            if (!lookups.accountHasDevices()) {
                // A wrong guess never takes the first device's place.
                return Mono.just(evaluation(policy, device, PolicyDecision.deny(PASSWORD, Optional.of(device.id()))));
            }
        }
        return addPending(attempt, policy, device, lookups, mayReadAgain);
    }

    private Mono<Evaluation> addTrusted(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Lookups lookups,
                                        Mono<Boolean> add, boolean mayReadAgain) {
        return logFailedWrite(add, "device", attempt, device)
            .flatMap(added -> added
                ? Mono.just(trustedOnArrival(attempt, policy, device))
                : readAgain(attempt, policy, device, lookups, mayReadAgain));
    }

    private Evaluation trustedOnArrival(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device) {
        recordActivity(attempt, device, Optional.empty(), DeviceStatus.TRUSTED, true);
        return evaluation(policy, device, PolicyDecision.allow(NEW_DEVICE, Optional.of(device.id())))
            .withAlert(configuration.isAlertOnNewDevice(), Alert.Kind.NEW_DEVICE, attempt,
                details -> details.firstSeen(Optional.of(attempt.getAt())));
    }

    /**
     * Recorded although refused (P8), whatever the password: an administrator can approve it. Only the owner hears of
     * it, and only when the password was right (their password is then known to someone).
     */
    private Mono<Evaluation> addPending(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Lookups lookups,
                                        boolean mayReadAgain) {
        Device pending = device.newDevice(DeviceStatus.PENDING, attempt);
        return logFailedWrite(Mono.defer(() -> history.devices().add(attempt.getUsername(), pending)), "device", attempt, device)
            .flatMap(added -> {
                if (!added) {
                    return readAgain(attempt, policy, device, lookups, mayReadAgain);
                }
                recordActivity(attempt, device, Optional.empty(), DeviceStatus.PENDING, false);
                return Mono.just(evaluation(policy, device, PolicyDecision.deny(logged(attempt, UNKNOWN_DEVICE), Optional.of(device.id())))
                    .withAlert(configuration.isAlertOnNewDevice() && attempt.isPasswordValid(), Alert.Kind.DEVICE_DENIED, attempt,
                        details -> details.firstSeen(Optional.of(attempt.getAt()))));
            });
    }

    /**
     * A device the policy accepts: the password decides. A right password makes the sign-in's transitions: a pending
     * device in observe becomes trusted, an ended revocation is cleared.
     */
    private Mono<Evaluation> byPassword(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Lookups lookups,
                                        Device stored, boolean mayReadAgain) {
        if (!attempt.isPasswordValid()) {
            recordActivity(attempt, device, lookups.activity(), stored.getStatus(), false);
            return Mono.just(evaluation(policy, device, PolicyDecision.deny(PASSWORD, Optional.of(device.id()))));
        }
        Evaluation allowed = evaluation(policy, device, PolicyDecision.allow(OK, Optional.of(device.id())));
        if (stored.getStatus() == DeviceStatus.TRUSTED) {
            recordActivity(attempt, device, lookups.activity(), DeviceStatus.TRUSTED, true);
            return Mono.just(allowed);
        }
        StatusChange trusted = StatusChange.trusted(Actor.SIGN_IN, attempt.getAt());
        return logFailedWrite(Mono.defer(() -> history.devices().changeStatusIf(attempt.getUsername(), stored, trusted)), "device status", attempt, device)
            .flatMap(changed -> {
                if (!changed) {
                    return readAgain(attempt, policy, device, lookups, mayReadAgain);
                }
                recordActivity(attempt, device, lookups.activity(), DeviceStatus.TRUSTED, true);
                return Mono.just(allowed);
            });
    }

    /**
     * A device the policy refuses: recorded as a failure whatever the password.
     */
    private Evaluation refuse(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Lookups lookups, Device stored,
                              PolicyDecision.Reason reason) {
        recordActivity(attempt, device, lookups.activity(), stored.getStatus(), false);
        return evaluation(policy, device, PolicyDecision.deny(logged(attempt, reason), Optional.of(device.id())));
    }

    /**
     * The reason is for the operator's log and never reaches the client: a wrong password says PASSWORD (what
     * fail2ban counts), a right one why the device was refused (the password is known to someone).
     */
    private static PolicyDecision.Reason logged(AuthAttempt attempt, PolicyDecision.Reason reason) {
        return attempt.isPasswordValid() ? reason : PASSWORD;
    }

    /**
     * A conditional write found the device changed since it was read (an administrator's or another sign-in's
     * change): decide again on the device as it now is. A second change within the same sign-in asks the client to
     * retry rather than guess.
     */
    private Mono<Evaluation> readAgain(AuthAttempt attempt, PolicyInForce policy, PresentedDevice device, Lookups lookups,
                                       boolean mayReadAgain) {
        if (!mayReadAgain) {
            return Mono.just(evaluation(policy, device, PolicyDecision.tempfail(STORE_UNAVAILABLE, Optional.of(device.id()))));
        }
        return Mono.defer(() -> history.devices().device(attempt.getUsername(), device.id()))
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap(current -> evaluate(attempt, policy, device, lookups.withDevice(current), false));
    }

    /**
     * Bookkeeping the reply does not wait for: last seen, last address, counts. A pending device's activity expires
     * with it.
     */
    private void recordActivity(AuthAttempt attempt, PresentedDevice device, Optional<DeviceActivity> previous, DeviceStatus status,
                                boolean succeeded) {
        DeviceActivity activity = previous
            .map(known -> known.signedIn(attempt.getAt(), attempt.getRemoteIp(), succeeded))
            .orElseGet(() -> DeviceActivity.first(device.id(), attempt.getAt(), attempt.getRemoteIp(), succeeded));
        Optional<Duration> retention = status == DeviceStatus.PENDING
            ? Optional.of(configuration.getPendingDeviceLimits().getLifetime())
            : Optional.empty();
        FailedWrites.inBackground(DeviceChecks.class, Mono.defer(() -> history.activity().record(attempt.getUsername(), activity, retention)),
            "activity", attempt, device.idForLog());
    }

    private void recordUse(AuthAttempt attempt, PresentedDevice device) {
        FailedWrites.inBackground(DeviceChecks.class, Mono.defer(() -> history.uses().recordUse(device.id(), attempt.getUsername(), attempt.getAt())),
            "device use", attempt, device.idForLog());
    }

    private static Evaluation evaluation(PolicyInForce policy, PresentedDevice device, PolicyDecision decision) {
        return Evaluation.of(policy, Optional.of(device), decision);
    }

    private static <T> Mono<T> logFailedWrite(Mono<T> write, String what, AuthAttempt attempt, PresentedDevice device) {
        return FailedWrites.logged(DeviceChecks.class, write, what, attempt, device.idForLog());
    }
}

package org.jamesclientid.reply;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.jamesclientid.administration.DeviceStatusChanges;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.core.LogText;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.policy.Alert;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * The owner of an account approves or revokes one of its devices by replying to a notice (issue 15, part 3).
 *
 * <p>A notice about a new or refused device carries reply addresses ({@link #addressesFor}); each holds a code
 * bound to the account, the device and the action, valid for {@code clientid.reply.validity}. A reply is honoured
 * ({@link #resolve}) only for a session signed in as that account with a CLIENTID device the account trusts at that
 * moment; the From header plays no part. Whatever the reason for a refusal, the sender learns only that it was
 * refused: not whether the code exists.</p>
 */
public class DeviceReplies {
    /**
     * Why a reply was refused: for the server log only.
     */
    enum Refusal {
        NOT_SIGNED_IN,
        NO_CLIENTID,
        UNTRUSTED_DEVICE,
        UNKNOWN_CODE,
        OTHER_ACCOUNT,
        OTHER_ACTION,
        EXPIRED,
        NOT_TRUST_FIRST,
        UNKNOWN_DEVICE,
        ALREADY_USED
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(DeviceReplies.class);

    private final ReplyCodes replyCodes;
    private final DeviceHistory deviceHistory;
    private final DeviceStatusChanges statusChanges;
    private final ClientIdPolicyConfiguration policyConfiguration;
    private final ReplyConfiguration replyConfiguration;
    private final ReplyConfirmations confirmations;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public DeviceReplies(ReplyCodes replyCodes, DeviceHistory deviceHistory, DeviceStatusChanges statusChanges,
                         ClientIdPolicyConfiguration policyConfiguration, ReplyConfiguration replyConfiguration,
                         ReplyConfirmations confirmations, Clock clock) {
        this.replyCodes = replyCodes;
        this.deviceHistory = deviceHistory;
        this.statusChanges = statusChanges;
        this.policyConfiguration = policyConfiguration;
        this.replyConfiguration = replyConfiguration;
        this.confirmations = confirmations;
        this.clock = clock;
    }

    /**
     * The reply addresses a notice about this alert offers, their codes stored: revoke for a new, unknown or pending
     * device; approve as well for an unknown or pending one when the account is in trust-first. None for other kinds,
     * for an alert without a device, or for an account without a domain part (no address to reply to).
     */
    public Mono<ReplyAddresses> addressesFor(Alert alert) {
        Optional<DeviceId> deviceId = alert.getDeviceId();
        Optional<Domain> domain = alert.getUsername().getDomainPart();
        if (deviceId.isEmpty() || domain.isEmpty()) {
            return Mono.just(ReplyAddresses.NONE);
        }
        switch (alert.getKind()) {
            case NEW_DEVICE:
                return addresses(alert.getUsername(), deviceId.get(), domain.get(), false);
            case DEVICE_DENIED:
            case DEVICE_PENDING:
                return mode(alert.getUsername())
                    .flatMap(mode -> addresses(alert.getUsername(), deviceId.get(), domain.get(), mode == ClientIdMode.TRUST_FIRST));
            default:
                return Mono.just(ReplyAddresses.NONE);
        }
    }

    private Mono<ReplyAddresses> addresses(Username owner, DeviceId deviceId, Domain domain, boolean withApprove) {
        Instant now = clock.instant();
        Instant validUntil = now.plus(replyConfiguration.getValidity());
        Mono<Optional<ReplyAddress>> approve = withApprove
            ? issue(owner, deviceId, ReplyAction.APPROVE, domain, now, validUntil).map(Optional::of)
            : Mono.just(Optional.empty());
        return Mono.zip(approve, issue(owner, deviceId, ReplyAction.REVOKE, domain, now, validUntil))
            .map(issued -> ReplyAddresses.of(issued.getT1(), Optional.of(issued.getT2()), validUntil));
    }

    private Mono<ReplyAddress> issue(Username owner, DeviceId deviceId, ReplyAction action, Domain domain, Instant now, Instant validUntil) {
        ReplyCode code = ReplyCode.generate(random);
        return replyCodes.save(code.hash(), ReplyGrant.of(owner, deviceId, action, validUntil), now)
            .thenReturn(ReplyAddress.of(action, code, domain));
    }

    /**
     * Makes the change the reply address asks for, when this session may: signed in as the code's account, with a
     * CLIENTID device the account trusts now; the code unused, unexpired and for this action; approval only in
     * trust-first. The code is consumed by the one reply that makes the change, then the owner gets a confirmation in
     * their INBOX.
     *
     * @param signedIn the account the session authenticated as, if any
     * @param sessionDevice the CLIENTID device the session's sign-in was decided on, if any
     * @return true when the change was made
     */
    public Mono<Boolean> resolve(Optional<Username> signedIn, Optional<DeviceId> sessionDevice, ReplyAddress address) {
        if (signedIn.isEmpty()) {
            return refused(Optional.empty(), Refusal.NOT_SIGNED_IN);
        }
        if (sessionDevice.isEmpty()) {
            return refused(signedIn, Refusal.NO_CLIENTID);
        }
        Username account = signedIn.get();
        Instant now = clock.instant();
        String codeHash = address.getCode().hash();
        return trusts(account, sessionDevice.get(), now)
            .flatMap(trusted -> {
                if (!trusted) {
                    return refused(signedIn, Refusal.UNTRUSTED_DEVICE);
                }
                return replyCodes.find(codeHash)
                    .flatMap(grant -> check(account, address, grant, now)
                        .map(refusal -> refused(signedIn, refusal))
                        .orElseGet(() -> apply(codeHash, grant, now)))
                    .switchIfEmpty(Mono.defer(() -> refused(signedIn, Refusal.UNKNOWN_CODE)));
            });
    }

    private Mono<Boolean> trusts(Username account, DeviceId device, Instant now) {
        return deviceHistory.devices().device(account, device)
            .map(known -> known.effectiveStatus(now) == DeviceStatus.TRUSTED)
            .defaultIfEmpty(false);
    }

    private static Optional<Refusal> check(Username account, ReplyAddress address, ReplyGrant grant, Instant now) {
        if (!grant.getUsername().equals(account)) {
            return Optional.of(Refusal.OTHER_ACCOUNT);
        }
        if (grant.getAction() != address.getAction()) {
            return Optional.of(Refusal.OTHER_ACTION);
        }
        if (!grant.isValidAt(now)) {
            return Optional.of(Refusal.EXPIRED);
        }
        return Optional.empty();
    }

    private Mono<Boolean> apply(String codeHash, ReplyGrant grant, Instant now) {
        Username account = grant.getUsername();
        Mono<Boolean> modeAllows = grant.getAction() == ReplyAction.APPROVE
            ? mode(account).map(mode -> mode == ClientIdMode.TRUST_FIRST)
            : Mono.just(true);
        return modeAllows.flatMap(allowed -> {
            if (!allowed) {
                return refused(Optional.of(account), Refusal.NOT_TRUST_FIRST);
            }
            return deviceHistory.devices().device(account, grant.getDeviceId())
                .flatMap(device -> replyCodes.consume(codeHash)
                    .flatMap(consumed -> consumed
                        ? change(grant).flatMap(changed -> confirm(account, changed, grant.getAction(), now)).thenReturn(true)
                        : refused(Optional.of(account), Refusal.ALREADY_USED)))
                .switchIfEmpty(Mono.defer(() -> refused(Optional.of(account), Refusal.UNKNOWN_DEVICE)));
        });
    }

    private Mono<Device> change(ReplyGrant grant) {
        if (grant.getAction() == ReplyAction.APPROVE) {
            return statusChanges.approve(grant.getUsername(), grant.getDeviceId(), Actor.OWNER);
        }
        return statusChanges.revoke(grant.getUsername(), grant.getDeviceId(), Optional.empty(), Actor.OWNER);
    }

    /**
     * The change is made whether or not the confirmation can be written: a failure is logged.
     */
    private Mono<Void> confirm(Username account, Device device, ReplyAction action, Instant at) {
        return Mono.defer(() -> confirmations.confirm(account, device, action, at))
            .onErrorResume(error -> {
                LOGGER.warn("Could not write the CLIENTID reply confirmation for account {}", LogText.quoted(account.asString()), error);
                return Mono.empty();
            });
    }

    private Mono<ClientIdMode> mode(Username account) {
        return deviceHistory.policies().policy(account)
            .map(AccountPolicy::getMode)
            .defaultIfEmpty(policyConfiguration.getDefaultMode());
    }

    private static Mono<Boolean> refused(Optional<Username> account, Refusal refusal) {
        LOGGER.info("CLIENTID reply to a notice refused account={} reason={}",
            account.map(username -> LogText.quoted(username.asString())).orElse("-"), refusal);
        return Mono.just(false);
    }
}

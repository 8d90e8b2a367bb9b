package org.jamesclientid.administration;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.core.LogText;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceAccessListener;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.StatusChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Mono;

/**
 * The one place where a device's status on an account is changed on someone's request: the account's owner (a reply
 * to a notice) or an administrator (WebAdmin, through {@link DeviceAdministration}). The change is stored with its actor and time ({@link StatusChange},
 * shown by WebAdmin) and logged, so that an operator can tell an owner's approval from an administrator's.
 */
public class DeviceStatusChanges {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeviceStatusChanges.class);

    private final DeviceRepository devices;
    private final Clock clock;
    private final Set<DeviceAccessListener> accessListeners;

    @Inject
    public DeviceStatusChanges(DeviceRepository devices, Clock clock, Set<DeviceAccessListener> accessListeners) {
        this.devices = devices;
        this.clock = clock;
        this.accessListeners = ImmutableSet.copyOf(accessListeners);
    }

    /**
     * Trusts the device on the account; empty when the account does not know it.
     */
    public Mono<Device> approve(Username username, DeviceId deviceId, Actor changedBy) {
        return change(username, deviceId, StatusChange.trusted(checked(changedBy), clock.instant()));
    }

    /**
     * Revokes the device on the account until {@code until} (for good when empty); empty when the account does not
     * know it.
     */
    public Mono<Device> revoke(Username username, DeviceId deviceId, Optional<Instant> until, Actor changedBy) {
        return change(username, deviceId, StatusChange.revoked(until, checked(changedBy), clock.instant()));
    }

    private static Actor checked(Actor changedBy) {
        Preconditions.checkArgument(changedBy == Actor.OWNER || changedBy == Actor.ADMINISTRATOR,
            "a change on request is the owner's or an administrator's, not %s", changedBy);
        return changedBy;
    }

    private Mono<Device> change(Username username, DeviceId deviceId, StatusChange change) {
        return devices.changeStatus(username, deviceId, change)
            .filter(changed -> changed)
            .flatMap(changed -> devices.device(username, deviceId))
            .doOnNext(device -> {
                LOGGER.info("CLIENTID device {} of {} set {} by the {}", deviceId.asString(),
                    LogText.quoted(username.asString()), change.getStatus().asString(), change.getBy().asString());
                // What this node has open for the device ends at once; other nodes learn it from the store.
                accessListeners.forEach(listener -> listener.deviceChanged(username, deviceId));
            });
    }
}

package org.jamesclientid.administration;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.core.LogText;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.DeviceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * After a compromise, an administrator revokes every device of an account at once, keeping the ones named (the
 * owner's own, once checked): each device not kept is revoked for good unless it already is, through
 * {@link DeviceStatusChanges} so that each change names its actor. A name that is not a device of the account is
 * refused before anything changes: a mistyped id must not revoke the device it meant to keep.
 */
public class RevokeAllDevices {
    public static class UnknownDevicesException extends RuntimeException {
        private final Set<DeviceId> unknown;

        UnknownDevicesException(Set<DeviceId> unknown) {
            super("Devices not known for the account: " + unknown);
            this.unknown = unknown;
        }

        public Set<DeviceId> getUnknown() {
            return unknown;
        }
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(RevokeAllDevices.class);

    private final DeviceRepository devices;
    private final DeviceStatusChanges statusChanges;

    @Inject
    public RevokeAllDevices(DeviceRepository devices, DeviceStatusChanges statusChanges) {
        this.devices = devices;
        this.statusChanges = statusChanges;
    }

    /**
     * @return the devices revoked by this call, in the store's order
     * @throws UnknownDevicesException (as the Mono's error) when {@code keep} names a device the account does not know
     */
    public Mono<List<Device>> revokeAll(Username username, Set<DeviceId> keep, Actor changedBy) {
        return devices.devices(username).collectList()
            .flatMap(devices -> {
                Set<DeviceId> known = devices.stream().map(Device::getId).collect(ImmutableSet.toImmutableSet());
                Set<DeviceId> unknown = keep.stream().filter(id -> !known.contains(id)).collect(ImmutableSet.toImmutableSet());
                if (!unknown.isEmpty()) {
                    return Mono.error(new UnknownDevicesException(unknown));
                }
                return Flux.fromIterable(devices)
                    .filter(device -> !keep.contains(device.getId()))
                    .filter(RevokeAllDevices::notRevokedForGood)
                    .concatMap(device -> statusChanges.revoke(username, device.getId(), Optional.empty(), changedBy))
                    .collect(ImmutableList.<Device>toImmutableList())
                    .doOnNext(revoked -> LOGGER.info("CLIENTID all devices of {} revoked by the {}: {} revoked, {} kept",
                        LogText.quoted(username.asString()), changedBy.asString(), revoked.size(), keep.size()))
                    .map(revoked -> (List<Device>) revoked);
            });
    }

    private static boolean notRevokedForGood(Device device) {
        return device.getStatus() != DeviceStatus.REVOKED || device.getRevokedUntil().isPresent();
    }
}

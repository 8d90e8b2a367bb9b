package org.jamesclientid.administration;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.StatusChange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An account's devices as administrators manage them: list, enrol, approve or revoke, label, forget; and the accounts
 * a device signed in to. Status changes are recorded as the administrator's and never touch the activity.
 */
public class DeviceAdministration {
    private final DeviceHistory history;
    private final DeviceIdFactory deviceIdFactory;
    private final Clock clock;

    @Inject
    public DeviceAdministration(DeviceHistory history, DeviceIdFactory deviceIdFactory, Clock clock) {
        this.history = history;
        this.deviceIdFactory = deviceIdFactory;
        this.clock = clock;
    }

    /**
     * The account's devices with their activity, in the store's order. The account's activities are read once: an
     * account holds few devices (pending ones are capped).
     */
    public Flux<DeviceView> devices(Username username) {
        return history.activity().activities(username)
            .collectMap(DeviceActivity::getDeviceId)
            .flatMapMany(activities -> history.devices().devices(username)
                .map(device -> view(device, activities)));
    }

    public Mono<DeviceView> device(Username username, DeviceId deviceId) {
        return history.devices().device(username, deviceId)
            .flatMap(device -> history.activity().activity(username, deviceId)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .map(activity -> DeviceView.of(device, activity)));
    }

    /**
     * Enrols a device out of band as trusted. The token is hashed exactly as when a client presents it, so that the
     * device then matches; a device the account knows already becomes trusted and keeps its history, and its label
     * unless a new one is given.
     */
    public Mono<DeviceView> enrol(Username username, ClientId clientId, Optional<String> label) {
        Instant now = clock.instant();
        DeviceId id = deviceIdFactory.deviceId(clientId);
        StatusChange trusted = StatusChange.trusted(Actor.ADMINISTRATOR, now);
        Device enrolled = Device.builder()
            .id(id)
            .type(clientId.getType())
            .hint(DeviceIdFactory.hint(clientId))
            .label(label)
            .status(trusted)
            .firstSeen(now)
            .build();
        return history.devices().add(username, enrolled)
            .flatMap(added -> added
                ? Mono.empty()
                : history.devices().changeStatus(username, id, trusted)
                    .then(label.isPresent() ? history.devices().setLabel(username, id, label).then() : Mono.empty()))
            .then(device(username, id));
    }

    /**
     * Approves ({@code trusted}) or revokes a device; false when the account does not know it.
     */
    public Mono<Boolean> changeStatus(Username username, DeviceId deviceId, StatusChange change) {
        return history.devices().changeStatus(username, deviceId, change);
    }

    public Mono<Boolean> setLabel(Username username, DeviceId deviceId, Optional<String> label) {
        return history.devices().setLabel(username, deviceId, label);
    }

    /**
     * Forgets the device and its activity on the account; false when the account does not know it.
     */
    public Mono<Boolean> delete(Username username, DeviceId deviceId) {
        return history.devices().device(username, deviceId)
            .flatMap(known -> history.devices().delete(username, deviceId)
                .then(history.activity().delete(username, deviceId))
                .thenReturn(true))
            .defaultIfEmpty(false);
    }

    public Flux<AccountUse> accounts(DeviceId deviceId) {
        return history.uses().accounts(deviceId);
    }

    public Instant now() {
        return clock.instant();
    }

    private static DeviceView view(Device device, Map<DeviceId, DeviceActivity> activities) {
        return DeviceView.of(device, Optional.ofNullable(activities.get(device.getId())));
    }
}

package org.jamesclientid.device;

import java.time.Duration;
import java.util.Optional;

import org.apache.james.core.Username;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What sign-ins produce for a device on an account ({@link DeviceActivity}), stored apart from what administrators
 * own ({@link DeviceRepository}): only sign-ins write it, by a blind upsert of the values they computed.
 */
public interface DeviceActivityRepository {
    Mono<DeviceActivity> activity(Username username, DeviceId deviceId);

    Flux<DeviceActivity> activities(Username username);

    /**
     * Inserts or replaces the activity. With a {@code retention}, it is forgotten that long after this write (a
     * pending device's, which may expire); without, it is kept until deleted.
     */
    Mono<Void> record(Username username, DeviceActivity activity, Optional<Duration> retention);

    Mono<Void> delete(Username username, DeviceId deviceId);

    Mono<Void> deleteAll(Username username);

    /**
     * {@code from}'s activity replaces {@code to}'s for the same device.
     */
    Mono<Void> rename(Username from, Username to);

    /**
     * Moves the activity to the device's id under a new secret; {@code to}'s stays when there is one.
     */
    Mono<Void> rekey(Username username, DeviceId from, DeviceId to);
}

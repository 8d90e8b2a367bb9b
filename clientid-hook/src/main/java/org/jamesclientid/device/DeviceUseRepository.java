package org.jamesclientid.device;

import java.time.Instant;

import org.apache.james.core.Username;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which accounts each device signed in to, and when it last did: the shared-device limit and
 * {@code GET /clientid/devices/{id}/users}. Only accounts James knows are recorded. A use is forgotten once older
 * than the store's retention, counted from its write.
 */
public interface DeviceUseRepository {
    /**
     * Notes that the device signed in to the account at {@code at} (upsert of the last time).
     */
    Mono<Void> recordUse(DeviceId deviceId, Username username, Instant at);

    Flux<AccountUse> accounts(DeviceId deviceId);

    /**
     * Forgets the account's uses of every device.
     */
    Mono<Void> deleteAll(Username username);

    /**
     * {@code from}'s uses become {@code to}'s (the latest time wins), then {@code from}'s are forgotten.
     */
    Mono<Void> rename(Username from, Username to);

    /**
     * Moves every account's uses of the device to its id under a new secret.
     */
    Mono<Void> rekey(DeviceId from, DeviceId to);
}

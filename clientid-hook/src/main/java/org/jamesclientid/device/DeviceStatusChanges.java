package org.jamesclientid.device;

import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.core.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * The one place where a device's status on an account is changed on someone's request, with who asked: the account's
 * owner (a reply to a notice) or an administrator (WebAdmin). Every such change is logged with its actor, so that an
 * operator can tell an owner's approval from an administrator's.
 */
public class DeviceStatusChanges {
    public enum ChangedBy {
        OWNER("owner"),
        ADMINISTRATOR("administrator");

        private final String value;

        ChangedBy(String value) {
            this.value = value;
        }

        public String asString() {
            return value;
        }
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(DeviceStatusChanges.class);

    private final DeviceHistory deviceHistory;

    @Inject
    public DeviceStatusChanges(DeviceHistory deviceHistory) {
        this.deviceHistory = deviceHistory;
    }

    /**
     * Trusts the device on the account; empty when the account does not know it.
     */
    public Mono<Device> approve(Username username, DeviceId deviceId, ChangedBy changedBy) {
        return change(username, deviceId, Device::trusted, changedBy);
    }

    /**
     * Revokes the device on the account until {@code until} (for good when empty); empty when the account does not
     * know it.
     */
    public Mono<Device> revoke(Username username, DeviceId deviceId, Optional<Instant> until, ChangedBy changedBy) {
        return change(username, deviceId, device -> device.revoked(until), changedBy);
    }

    private Mono<Device> change(Username username, DeviceId deviceId, UnaryOperator<Device> change, ChangedBy changedBy) {
        return deviceHistory.device(username, deviceId)
            .map(change)
            .flatMap(changed -> deviceHistory.save(username, changed)
                .then(Mono.fromRunnable(() -> LOGGER.info("CLIENTID device {} of {} set {} by the {}", deviceId.asString(),
                    LogText.quoted(username.asString()), changed.getStatus().asString(), changedBy.asString())))
                .thenReturn(changed));
    }
}

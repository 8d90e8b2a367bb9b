package org.jamesclientid.policy;

import java.util.Optional;

import org.jamesclientid.core.ClientId;
import org.jamesclientid.core.LogText;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.StatusChange;

/**
 * The presented identity as the policy handles it: hashed, hinted, with its type's flags. The token stops here.
 */
final class PresentedDevice {
    static final String HIDDEN = "hidden";

    /**
     * Empty without CLIENTID, and for types whose flags ask to keep nothing (ignore, session-only, no flag).
     */
    static Optional<PresentedDevice> of(Optional<ClientId> clientId, TypeRules typeRules, DeviceIdFactory deviceIdFactory) {
        return clientId
            .filter(presented -> typeRules.flags(presented.getType()).isProcessed())
            .map(presented -> new PresentedDevice(deviceIdFactory.deviceId(presented), deviceIdFactory.previousDeviceId(presented),
                presented.getType(), DeviceIdFactory.hint(presented), typeRules.flags(presented.getType())));
    }

    private final DeviceId id;
    private final Optional<DeviceId> previousId;
    private final String type;
    private final String hint;
    private final TypeFlags flags;

    private PresentedDevice(DeviceId id, Optional<DeviceId> previousId, String type, String hint, TypeFlags flags) {
        this.id = id;
        this.previousId = previousId;
        this.type = type;
        this.hint = hint;
        this.flags = flags;
    }

    DeviceId id() {
        return id;
    }

    /**
     * The id under {@code clientid.secret.previous}, while a rotation is under way.
     */
    Optional<DeviceId> previousId() {
        return previousId;
    }

    String type() {
        return type;
    }

    TypeFlags flags() {
        return flags;
    }

    boolean isUsedForAuthentication() {
        return flags.isUsedForAuthentication();
    }

    String idForLog() {
        return flags.contains(TypeFlag.SYSTEM_LOG) ? id.asString() : HIDDEN;
    }

    String typeForLog() {
        // The type is the client's text (checked against C1's syntax, quoted all the same).
        return flags.contains(TypeFlag.SYSTEM_LOG) ? LogText.quoted(type) : HIDDEN;
    }

    /**
     * The device as a sign-in records it for the first time: status set by {@link Actor#SIGN_IN}.
     */
    Device newDevice(DeviceStatus status, AuthAttempt attempt) {
        return Device.builder()
            .id(id)
            .type(type)
            .hint(hint)
            .status(StatusChange.of(status, Optional.empty(), Actor.SIGN_IN, attempt.getAt()))
            .firstSeen(attempt.getAt())
            .build();
    }

    Alert alert(Alert.Kind kind, AuthAttempt attempt) {
        return alertBuilder(kind, attempt).build();
    }

    Alert.Builder alertBuilder(Alert.Kind kind, AuthAttempt attempt) {
        return Alert.builder()
            .kind(kind)
            .username(attempt.getUsername())
            .device(id, type, hint)
            .clientName(attempt.getClientName())
            .ip(attempt.getRemoteIp())
            .at(attempt.getAt())
            .visibility(flags.contains(TypeFlag.SYSTEM_LOG), flags.contains(TypeFlag.USER_LOG));
    }

    @Override
    public String toString() {
        return "PresentedDevice{id=" + id + ", type=" + type + ", flags=" + flags + "}";
    }
}

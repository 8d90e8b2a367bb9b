package org.jamesclientid.device;

import org.apache.james.core.Username;

/**
 * Told when an administrator takes access away from a device, once the change is in the device store: what this
 * node has open for that device (IMAP connections, IDLE included) is ended at once. Other nodes learn of it from the
 * store, within their own check interval.
 *
 * <p>Bound through a Guice multibinding ({@code Multibinder<DeviceAccessListener>}); the WebAdmin routes that revoke
 * or block call every listener in one line. A listener must not throw, nor block for long: it runs in the WebAdmin
 * request.</p>
 */
public interface DeviceAccessListener {
    /**
     * The device's status on this account changed (revoked, for instance).
     */
    void deviceChanged(Username username, DeviceId deviceId);

    /**
     * The device was blocked on every account, or its block changed.
     */
    void deviceBlocked(DeviceId deviceId);
}

package org.jamesclientid.webadmin.dto;

import org.jamesclientid.limit.LimitKey;

/**
 * A throttle's scope as WebAdmin names it.
 */
final class ThrottleScope {
    static String of(LimitKey key) {
        switch (key.scope()) {
            case DEVICE_ON_ACCOUNT:
                return "device-on-account";
            case ACCOUNT:
                return "account";
            case ADDRESS:
                return "address";
            case DEVICE:
                return "device";
            default:
                throw new IllegalArgumentException("Unknown scope " + key.scope());
        }
    }

    private ThrottleScope() {
    }
}

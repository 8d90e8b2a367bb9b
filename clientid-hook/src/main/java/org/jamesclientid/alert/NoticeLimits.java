package org.jamesclientid.alert;

import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.policy.Alert;

import reactor.core.publisher.Mono;

/**
 * How many notices an account receives: at most one per account, device and kind within
 * {@code clientid.notices.interval}, and at most {@code clientid.notices.perDay} per account and UTC day, then one
 * digest saying that more were suppressed. Notices are sent on behalf of whoever makes a sign-in fail: without these
 * limits anyone could fill an owner's mailbox.
 */
public interface NoticeLimits {
    enum Verdict {
        /** Append the notice. */
        SEND,
        /** The account reached its daily limit with this notice: append the digest instead, once that day. */
        DIGEST,
        /** Append nothing. */
        SUPPRESS
    }

    /**
     * Counts the notice when it may be sent: a later call for the same account sees it.
     */
    Mono<Verdict> admit(Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant at);
}

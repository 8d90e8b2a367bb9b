package org.jamesclientid.reply;

import java.time.Instant;

import org.apache.james.core.Username;
import org.jamesclientid.device.Device;

import reactor.core.publisher.Mono;

/**
 * Tells the owner that a reply of theirs changed a device. Written where the notices are written (the owner's INBOX,
 * {@code alert.InboxReplyConfirmations}): replies only say what happened, so that this package needs nothing of the
 * notices it answers.
 */
public interface ReplyConfirmations {
    Mono<Void> confirm(Username owner, Device device, ReplyAction action, Instant at);
}

package org.jamesclientid.alert;

import org.apache.james.core.Username;

import reactor.core.publisher.Mono;

/**
 * Where a notice lands: the owner's own INBOX on this server, written directly, never through mail processing.
 */
public interface NoticeMailbox {
    /**
     * @param message the RFC 5322 bytes of the notice
     */
    Mono<Void> appendToInbox(Username owner, byte[] message);
}

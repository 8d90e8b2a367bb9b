package org.jamesclientid.reply;

import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * The reply codes not used yet, each kept under the hash of the code ({@link ReplyCode#hash()}), never the code.
 *
 * <p>Times are given by the caller, as for the device history: a store forgets a code at the latest once its
 * {@link ReplyGrant#getExpiresAt()} has passed counting from {@code now} of the write (a Cassandra store with a TTL,
 * the memory store by pruning on each write); callers check {@link ReplyGrant#isValidAt} whatever the store still
 * holds.</p>
 */
public interface ReplyCodes {
    Mono<Void> save(String codeHash, ReplyGrant grant, Instant now);

    /**
     * What the code allows, expired or not; empty when the store has no such code (never issued, used, or
     * forgotten).
     */
    Mono<ReplyGrant> find(String codeHash);

    /**
     * Removes the code, once: true for the one caller that removed it, false for every other, on every node at once
     * (the code is single use).
     */
    Mono<Boolean> consume(String codeHash);
}

package org.jamesclientid.reply;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * {@link ReplyCodes} in the JVM heap: codes expired at the time of a write are dropped on that write.
 */
public class MemoryReplyCodes implements ReplyCodes {
    private final Map<String, ReplyGrant> grants = new ConcurrentHashMap<>();

    @Override
    public Mono<Void> save(String codeHash, ReplyGrant grant, Instant now) {
        return Mono.fromRunnable(() -> {
            grants.values().removeIf(stored -> !stored.isValidAt(now));
            grants.put(codeHash, grant);
        });
    }

    @Override
    public Mono<ReplyGrant> find(String codeHash) {
        return Mono.fromCallable(() -> grants.get(codeHash));
    }

    @Override
    public Mono<Boolean> consume(String codeHash) {
        return Mono.fromCallable(() -> grants.remove(codeHash) != null);
    }
}

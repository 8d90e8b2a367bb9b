package org.jamesclientid.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

public interface ReplyCodesContract {
    Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    String HASH = "5c4f0d0f3b5e5b1f1f0d4a63a5d1e9f0d2c5b3a4e6f7a8b9c0d1e2f3a4b5c6d7";
    String OTHER_HASH = "0000000000000000000000000000000000000000000000000000000000000001";
    ReplyGrant GRANT = ReplyGrant.of(Username.of("alice@example.com"), DeviceId.of("aaaaaaaaaaaaaaaaaaaaaaaa"), ReplyAction.APPROVE,
        NOW.plus(Duration.ofHours(72)));

    ReplyCodes replyCodes();

    @Test
    default void findShouldReturnTheGrantWhenSaved() {
        replyCodes().save(HASH, GRANT, NOW).block();

        assertThat(replyCodes().find(HASH).block()).isEqualTo(GRANT);
    }

    @Test
    default void findShouldReturnEmptyWhenNeverSaved() {
        replyCodes().save(HASH, GRANT, NOW).block();

        assertThat(replyCodes().find(OTHER_HASH).blockOptional()).isEmpty();
    }

    @Test
    default void consumeShouldSucceedOnceWhenCalledTwice() {
        replyCodes().save(HASH, GRANT, NOW).block();

        assertThat(replyCodes().consume(HASH).block()).isTrue();
        assertThat(replyCodes().consume(HASH).block()).isFalse();
        assertThat(replyCodes().find(HASH).blockOptional()).isEmpty();
    }

    @Test
    default void consumeShouldFailWhenNeverSaved() {
        assertThat(replyCodes().consume(OTHER_HASH).block()).isFalse();
    }

    @Test
    default void consumeShouldLeaveOtherCodesWhenCalled() {
        replyCodes().save(HASH, GRANT, NOW).block();
        ReplyGrant revoke = ReplyGrant.of(GRANT.getUsername(), GRANT.getDeviceId(), ReplyAction.REVOKE, GRANT.getExpiresAt());
        replyCodes().save(OTHER_HASH, revoke, NOW).block();

        replyCodes().consume(HASH).block();

        assertThat(replyCodes().find(OTHER_HASH).block()).isEqualTo(revoke);
    }

    @Test
    default void consumeShouldSucceedForExactlyOneCallerWhenManyConsumeAtOnce() {
        replyCodes().save(HASH, GRANT, NOW).block();

        List<Boolean> outcomes = Flux.fromIterable(IntStream.range(0, 8).boxed().collect(Collectors.toList()))
            .parallel(8)
            .runOn(Schedulers.boundedElastic())
            .flatMap(i -> replyCodes().consume(HASH))
            .sequential()
            .collectList()
            .block();

        assertThat(outcomes).hasSize(8).containsOnlyOnce(true);
    }
}

package org.jamesclientid.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryReplyCodesTest implements ReplyCodesContract {
    private MemoryReplyCodes replyCodes;

    @BeforeEach
    void setUp() {
        replyCodes = new MemoryReplyCodes();
    }

    @Override
    public ReplyCodes replyCodes() {
        return replyCodes;
    }

    @Test
    void saveShouldDropExpiredCodesWhenWriting() {
        replyCodes.save(HASH, GRANT, NOW).block();

        replyCodes.save(OTHER_HASH, GRANT, GRANT.getExpiresAt().plus(Duration.ofSeconds(1))).block();

        assertThat(replyCodes.find(HASH).blockOptional()).isEmpty();
    }
}

package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.jamesclientid.reply.ReplyCodes;
import org.jamesclientid.reply.ReplyCodesContract;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraReplyCodesTest implements ReplyCodesContract {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private CassandraReplyCodes replyCodes;

    @BeforeAll
    static void createTables() {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
    }

    @BeforeEach
    void setUp() {
        replyCodes = new CassandraReplyCodes(cassandra.getSession());
    }

    @Override
    public ReplyCodes replyCodes() {
        return replyCodes;
    }

    @Test
    void saveShouldWriteTheCodeWithATtlEndingWhenItExpires() {
        replyCodes.save(HASH, GRANT, NOW).block();

        int ttl = cassandra.getSession().execute("SELECT TTL(username) FROM clientid_reply_codes").one().getInt(0);

        assertThat(ttl).isBetween((int) Duration.ofHours(72).minusMinutes(1).getSeconds(), (int) Duration.ofHours(72).getSeconds());
    }

    @Test
    void saveShouldNeverStoreTheCodeItself() {
        replyCodes.save(HASH, GRANT, NOW).block();

        assertThat(cassandra.getSession().execute("SELECT code_hash FROM clientid_reply_codes").one().getString(0)).isEqualTo(HASH);
    }
}

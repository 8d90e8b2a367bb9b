package org.jamesclientid.it;

import java.time.Instant;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ReplyToNoticeContract} on the Cassandra store: the codes are {@code CassandraReplyCodes} rows, consumed by a
 * lightweight transaction, and the devices, policies and notices' limits are in Cassandra too.
 */
class ClientIdCassandraReplyToNoticeTest implements ReplyToNoticeContract {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));

    @RegisterExtension
    @Order(1)
    static CassandraExtension cassandra = new CassandraExtension();

    static JamesCqlSessions sessions = new JamesCqlSessions(cassandra);

    @RegisterExtension
    @Order(2)
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clock(CLOCK)
        .clientIdProperties(PROPERTIES)
        .editConf("mailetcontainer.xml", RecordingMailet::first)
        .cassandraStore(sessions)
        .build();

    @AfterAll
    static void closeSessions() {
        sessions.close();
    }

    private GuiceJamesServer server;

    @Override
    public void keep(GuiceJamesServer server) {
        this.server = server;
    }

    @Override
    public MutableClock clock() {
        return CLOCK;
    }

    @Override
    public GuiceJamesServer server() {
        return server;
    }
}

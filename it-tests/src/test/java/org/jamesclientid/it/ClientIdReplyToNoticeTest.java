package org.jamesclientid.it;

import java.time.Instant;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ReplyToNoticeContract} on the memory store (reply codes in the JVM heap).
 */
class ClientIdReplyToNoticeTest implements ReplyToNoticeContract {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clock(CLOCK)
        .clientIdProperties(PROPERTIES)
        .editConf("mailetcontainer.xml", RecordingMailet::first)
        .build();

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

package org.jamesclientid.it;

import java.time.Instant;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ReplyToNoticeContract} on the JDBC store on embedded Derby, as on James' JPA server: the codes are
 * {@code JdbcReplyCodes} rows, consumed by one conditional {@code DELETE}, and the devices, policies and notices'
 * limits are in the database too.
 */
class ClientIdJdbcReplyToNoticeTest implements ReplyToNoticeContract {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clock(CLOCK)
        .clientIdProperties(PROPERTIES)
        .editConf("mailetcontainer.xml", RecordingMailet::first)
        .jdbcStore()
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

package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How James 3.8.1 starts with ClientIdImapPackage: no other server runs in this class (James' MBeans are per JVM).
 */
class ClientIdImapStartupTest {
    @Test
    @DisplayName("I5 servers that disagree on clientid.enabled: James does not start (its CAPABILITY is shared by all IMAP servers)")
    void jamesShouldNotStartWhenServersDisagree(@TempDir File workingDirectory) {
        GuiceJamesServer server = ClientIdJamesServers.builder()
            .editConf("imapserver.xml", xml -> xml.replaceFirst("clientid.enabled=true", "clientid.enabled=false"))
            .server(workingDirectory);
        try {
            assertThatThrownBy(server::start)
                .hasStackTraceContaining("Every <imapserver> must have the same clientid.enabled");
        } finally {
            server.stop();
        }
    }
}

package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.it.PythonImapClient.Mode;
import org.jamesclientid.it.PythonImapClient.Reply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code clientid.enabled} in each {@code <imapserver>}'s customProperties (I1, I5).
 */
class ClientIdImapServerSettingTest {
    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .editConf("imapserver.xml", xml -> xml.replace("clientid.enabled=true", "clientid.enabled=false"))
        .build();

    @Test
    @DisplayName("I1 I5 disabled on every server: not advertised even over TLS, CLIENTID is BAD as an unknown command, sign-in unchanged")
    void disabledServersShouldNeitherAdvertiseNorAcceptClientId(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);

        for (PythonImapClient client : List.of(new PythonImapClient(ClientIdJamesServers.imapPort(server), Mode.STARTTLS),
                new PythonImapClient(ClientIdJamesServers.imapsPort(server), Mode.IMPLICIT_TLS))) {
            List<Reply> replies = client.dialogue("CAPABILITY", "CLIENTID UUID 23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3",
                "LOGIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD);
            List<Reply> afterGreeting = replies.subList(replies.size() - 3, replies.size());

            assertThat(afterGreeting.get(0).lines()).anyMatch(line -> line.startsWith("* CAPABILITY "));
            assertThat(afterGreeting.get(0).lines()).noneMatch(line -> List.of(line.split(" ")).contains("CLIENTID"));
            assertThat(afterGreeting.get(1).lines()).containsExactly("TAG BAD failed. Unknown command.");
            assertThat(afterGreeting.get(2).tagged()).isEqualTo("TAG OK LOGIN completed.");
        }
    }
}

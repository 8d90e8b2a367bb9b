package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * E1/E6: each SMTP server of one James enables CLIENTID on its own. Here the implicit TLS server (465) has
 * {@code <enabled>false</enabled>} while the others keep the shipped setting.
 */
class ClientIdPerServerSettingTest {
    private static final Pattern SMTPS_SERVER_ENABLED = Pattern.compile(
        "(<jmxName>smtpserver-TLS</jmxName>.*?<handler class=\"org.jamesclientid.smtp.ClientIdCmdHandler\">\\s*(?:<!--.*?-->\\s*)?<enabled>)true(</enabled>)",
        Pattern.DOTALL);

    static String disableOnSmtps(String smtpServerXml) {
        Matcher matcher = SMTPS_SERVER_ENABLED.matcher(smtpServerXml);
        if (!matcher.find()) {
            throw new IllegalStateException("smtpserver.xml: no <enabled>true</enabled> in the ClientIdCmdHandler of smtpserver-TLS");
        }
        return matcher.replaceFirst("$1false$2");
    }

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.memoryServer(ClientIdPerServerSettingTest::disableOnSmtps);

    @Test
    @DisplayName("E1/E6: CLIENTID disabled on 465 is neither advertised nor accepted there")
    void disabledServerShouldNeitherAdvertiseNorAcceptClientId(GuiceJamesServer server) throws Exception {
        List<Reply> replies = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS).dialogue(
            "EHLO client.example",
            "CLIENTID UUID abc");

        assertThat(replies.get(0).lines()).doesNotContain("CLIENTID").contains("PIPELINING");
        assertThat(replies.get(1).code()).isEqualTo(500);
    }

    @Test
    @DisplayName("E6: the other servers of the same James keep CLIENTID")
    void otherServersShouldStillAdvertiseClientId(GuiceJamesServer server) throws Exception {
        List<Reply> replies = new PythonSmtpClient(ClientIdJamesServers.submissionPort(server), Mode.STARTTLS).dialogue(
            "EHLO client.example",
            "STARTTLS",
            "EHLO client.example",
            "CLIENTID UUID abc");

        assertThat(replies.get(2).lines()).contains("CLIENTID");
        assertThat(replies.get(3).code()).isEqualTo(250);
    }
}

package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.james.GuiceJamesServer;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.jamesclientid.smtp.ClientIdAuthHook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLIENTID AUTH hook gates a sign-in only if it is the first AUTH hook of its handler chain: James asks the AUTH
 * hooks in chain order and takes the first answer that is not DECLINED, so a hook before it that accepts the password
 * signs the user in from any device. James must refuse to start with such a chain, saying what to move.
 */
class ClientIdAuthHookOrderTest {
    private static final String AUTH_HOOK_LINE = "<handler class=\"" + ClientIdAuthHook.class.getName() + "\"/>";
    private static final String CORE_LINE = "<handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/>";
    // Not James' UsersRepositoryAuthHook: listed twice in a chain, it stops James already (its JMX name is taken).
    private static final String OPERATOR_AUTH_HOOK = OperatorAuthHook.class.getName();

    @Test
    void jamesShouldRefuseToStartNamingTheFixWhenAnotherAuthHookComesFirst(@TempDir File workingDirectory) {
        GuiceJamesServer server = ClientIdJamesServers.builder()
            .editConf("smtpserver.xml", firstChainOnly(xml -> xml.replace(AUTH_HOOK_LINE,
                "<handler class=\"" + OPERATOR_AUTH_HOOK + "\"/>\n" + AUTH_HOOK_LINE)))
            .server(workingDirectory);
        try {
            assertThatThrownBy(server::start)
                .hasStackTraceContaining("smtpserver.xml")
                .hasStackTraceContaining(ClientIdAuthHook.class.getName() + " must be the first AUTH hook")
                .hasStackTraceContaining(OPERATOR_AUTH_HOOK);
        } finally {
            server.stop();
        }
    }

    /**
     * James appends the handlers of CoreCmdHandlerLoader (its UsersRepositoryAuthHook among them) after every
     * handler the chain lists, wherever the loader's own line is: a CLIENTID hook listed after that line is still
     * asked first. This pins that reading of James 3.8.1, on which docs/install.md relies.
     */
    @Test
    void devicePolicyShouldStillGateSignInWhenTheHookIsListedAfterCoreCmdHandlerLoader(@TempDir File workingDirectory) throws Exception {
        GuiceJamesServer server = ClientIdJamesServers.builder()
            .inspectable()
            .editConf("smtpserver.xml", xml -> xml.replace(AUTH_HOOK_LINE + "\n", "")
                .replace(CORE_LINE, CORE_LINE + "\n            " + AUTH_HOOK_LINE))
            .server(workingDirectory);
        try {
            server.start();
            ClientIdJamesServers.createUsers(server);
            server.getProbe(ClientIdTestProbe.class).setPolicy(ClientIdJamesServers.ALICE, ClientIdMode.ENFORCE, true);

            List<Reply> replies = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS).dialogue(
                "EHLO client.example",
                "CLIENTID UUID order-test-unknown-device",
                "AUTH PLAIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD);

            assertThat(replies.get(2).code()).as("an unknown device, the right password, enforce").isEqualTo(535);
        } finally {
            server.stop();
        }
    }

    private static UnaryOperator<String> firstChainOnly(UnaryOperator<String> edit) {
        return xml -> {
            int end = xml.indexOf("</handlerchain>");
            return edit.apply(xml.substring(0, end)) + xml.substring(end);
        };
    }
}

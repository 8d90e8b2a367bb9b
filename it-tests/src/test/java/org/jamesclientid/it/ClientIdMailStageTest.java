package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code clientid.rejection.stage=mail}: the draft's example 7.3, where the refused device learns it at MAIL FROM.
 */
class ClientIdMailStageTest {
    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.rejection.stage=mail")
        .inspectable()
        .build();

    private PythonSmtpClient submission;
    private ClientIdTestProbe probe;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);
        submission = new PythonSmtpClient(ClientIdJamesServers.submissionPort(server), Mode.STARTTLS);
        probe = server.getProbe(ClientIdTestProbe.class);
    }

    @Test
    @DisplayName("X3: a refused identity gets AUTH 235, then 550 at MAIL FROM with a generic text")
    void refusedDeviceShouldGet550AtMailFromWhenStageIsMail() throws Exception {
        probe.setPolicy(ClientIdJamesServers.ALICE, ClientIdMode.ENFORCE, false);

        List<Reply> replies = submission.dialogue(
            "EHLO client.example",
            "STARTTLS",
            "EHLO client.example",
            "CLIENTID UUID 23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3",
            "AUTH PLAIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD,
            "MAIL FROM:<" + ClientIdJamesServers.ALICE + ">",
            "RSET",
            "MAIL FROM:<" + ClientIdJamesServers.ALICE + ">");

        assertThat(replies.get(3).code()).isEqualTo(250);
        assertThat(replies.get(4).code()).isEqualTo(235);
        assertThat(replies.get(5).code()).isEqualTo(550);
        assertThat(replies.get(5).text()).isEqualTo("5.7.1 Access denied");
        assertThat(replies.get(7).code()).as("still refused after RSET").isEqualTo(550);
    }

    @Test
    @DisplayName("X3: a trusted device sends mail normally when the stage is mail")
    void trustedDeviceShouldSendMailWhenStageIsMail() throws Exception {
        probe.setPolicy(ClientIdJamesServers.BOB, ClientIdMode.ENFORCE, false);
        probe.enroll(ClientIdJamesServers.BOB, "UUID", "bobs-laptop", org.jamesclientid.device.DeviceStatus.TRUSTED);

        List<Reply> replies = submission.dialogue(
            "EHLO client.example",
            "STARTTLS",
            "EHLO client.example",
            "CLIENTID UUID bobs-laptop",
            "AUTH PLAIN " + ClientIdJamesServers.BOB + " " + ClientIdJamesServers.BOB_PASSWORD,
            "SEND " + ClientIdJamesServers.BOB + " " + ClientIdJamesServers.ALICE);

        assertThat(replies.get(4).code()).isEqualTo(235);
        assertThat(replies.get(5).code()).isEqualTo(250);
    }

    @Test
    @DisplayName("X3: a wrong password is still refused at AUTH when the stage is mail")
    void wrongPasswordShouldStillBeRefusedAtAuthWhenStageIsMail() throws Exception {
        List<Reply> replies = submission.dialogue(
            "EHLO client.example",
            "STARTTLS",
            "EHLO client.example",
            "CLIENTID UUID some-device",
            "AUTH PLAIN " + ClientIdJamesServers.ALICE + " wrong");

        assertThat(replies.get(4).code()).isEqualTo(535);
    }
}

package org.jamesclientid.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;

/**
 * {@code clientid.rejection.stage=mail} with OAUTHBEARER / XOAUTH2: as with PLAIN, the refused device is signed in
 * and refused at MAIL FROM (the draft's example 7.3), also when it acts as another account.
 */
class ClientIdOAuthMailStageTest {
    private static final LocalOidcProvider OIDC = LocalOidcProvider.start();

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.rejection.stage=mail")
        .editConf("smtpserver.xml", xml -> xml.replace("<plainAuthEnabled>true</plainAuthEnabled>",
            "<plainAuthEnabled>true</plainAuthEnabled>" + OIDC.smtpServerXml()))
        .inspectable()
        .build();

    private PythonSmtpClient submission;
    private ClientIdTestProbe probe;

    @AfterAll
    static void stopProvider() {
        OIDC.close();
    }

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);
        submission = new PythonSmtpClient(ClientIdJamesServers.submissionPort(server), Mode.STARTTLS);
        probe = server.getProbe(ClientIdTestProbe.class);
        RestAssured.requestSpecification = new RequestSpecBuilder()
            .setPort(ClientIdJamesServers.webAdminPort(server))
            .build();
    }

    private List<Reply> oauthThenMail(String mechanism, String requestedUser, String tokenOwner, String device) throws Exception {
        return submission.dialogue(
            "EHLO client.example",
            "STARTTLS",
            "EHLO client.example",
            "CLIENTID UUID " + device,
            "AUTH " + mechanism + " " + LocalOidcProvider.initialResponse(requestedUser, OIDC.token(tokenOwner)),
            "MAIL FROM:<" + requestedUser + ">");
    }

    @Test
    @DisplayName("X3: OAUTHBEARER from a refused device gets 235, then 550 at MAIL FROM")
    void refusedDeviceShouldGet550AtMailFromWhenOAuthBearer() throws Exception {
        probe.setPolicy(ClientIdJamesServers.ALICE, ClientIdMode.ENFORCE, false);

        List<Reply> replies = oauthThenMail("OAUTHBEARER", ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE, "oauth-mail-stage-1");

        assertThat(replies.get(4).code()).as("%s", replies.get(4)).isEqualTo(235);
        assertThat(replies.get(5).code()).as("%s", replies.get(5)).isEqualTo(550);
        assertThat(replies.get(5).text()).isEqualTo("5.7.1 Access denied");
    }

    @Test
    @DisplayName("X3: XOAUTH2 acting as another account, from a device the token's owner refuses: 235, then 550 at MAIL FROM")
    void delegatedSignInShouldGet550AtMailFromWhenTokenOwnerRefusesDevice() throws Exception {
        String tokenOwner = ClientIdJamesServers.BOB;
        String actedAs = ClientIdJamesServers.ALICE;
        given().put("/users/" + actedAs + "/authorizedUsers/" + tokenOwner).then().statusCode(200);
        probe.setPolicy(tokenOwner, ClientIdMode.ENFORCE, false);
        probe.enroll(actedAs, "UUID", "oauth-mail-stage-2", DeviceStatus.TRUSTED);

        List<Reply> replies = oauthThenMail("XOAUTH2", actedAs, tokenOwner, "oauth-mail-stage-2");

        assertThat(replies.get(4).code()).as("%s", replies.get(4)).isEqualTo(235);
        assertThat(replies.get(5).code()).as("%s", replies.get(5)).isEqualTo(550);
        assertThat(replies.get(5).text()).isEqualTo("5.7.1 Access denied");
    }
}

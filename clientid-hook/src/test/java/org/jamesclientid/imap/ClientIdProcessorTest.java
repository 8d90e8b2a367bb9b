package org.jamesclientid.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.encode.FakeImapSession;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.jamesclientid.core.ClientId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientIdProcessorTest {
    private static final ClientId DEVICE = ClientId.of("UUID", "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3");
    private static final Tag TAG = new Tag("a1");

    static class TlsSession extends FakeImapSession {
        private final boolean tls;

        TlsSession(boolean tls) {
            this.tls = tls;
        }

        @Override
        public boolean isTLSActive() {
            return tls;
        }
    }

    static class RecordingResponder implements ImapProcessor.Responder {
        private final List<ImapResponseMessage> responses = new ArrayList<>();

        @Override
        public void respond(ImapResponseMessage message) {
            responses.add(message);
        }

        @Override
        public void flush() {
        }

        StatusResponse only() {
            assertThat(responses).hasSize(1);
            return (StatusResponse) responses.get(0);
        }
    }

    private ClientIdProcessor processor;

    @BeforeEach
    void setUp() {
        processor = processorWith(new Properties());
    }

    private static ClientIdProcessor processorWith(Properties customProperties) {
        ClientIdProcessor processor = new ClientIdProcessor(new UnpooledStatusResponseFactory());
        processor.configure(ImapConfiguration.builder().withCustomProperties(customProperties).build());
        return processor;
    }

    private static Properties disabled() {
        Properties properties = new Properties();
        properties.setProperty("clientid.enabled", "false");
        return properties;
    }

    private static StatusResponse send(ClientIdProcessor processor, ClientIdRequest request, FakeImapSession session) {
        RecordingResponder responder = new RecordingResponder();
        processor.processReactive(request, responder, session).block();
        return responder.only();
    }

    @Test
    void capabilityShouldBeAdvertisedWhenTlsAndEnabledByDefault() {
        assertThat(processor.getImplementedCapabilities(new TlsSession(true))).containsExactly(ClientIdProcessor.CLIENTID_CAPABILITY);
    }

    @Test
    void capabilityShouldNotBeAdvertisedWhenPlaintext() {
        assertThat(processor.getImplementedCapabilities(new TlsSession(false))).isEmpty();
    }

    @Test
    void capabilityShouldNotBeAdvertisedWhenDisabled() {
        assertThat(processorWith(disabled()).getImplementedCapabilities(new TlsSession(true))).isEmpty();
    }

    @Test
    void configureShouldRejectValuesOtherThanTrueOrFalse() {
        Properties properties = new Properties();
        properties.setProperty("clientid.enabled", "yes");

        assertThatThrownBy(() -> processorWith(properties)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientIdShouldBeAcceptedAndKeptWhenTlsAndNotAuthenticated() {
        TlsSession session = new TlsSession(true);

        StatusResponse response = send(processor, ClientIdRequest.wellFormed(TAG, DEVICE), session);

        assertThat(response.getServerResponseType()).isEqualTo(StatusResponse.Type.OK);
        assertThat(response.getTextKey()).isEqualTo(HumanReadableText.COMPLETED);
        assertThat(ImapClientIdState.presentedClientId(session)).contains(DEVICE);
    }

    @Test
    void clientIdShouldBeUnknownAndNotKeptWhenPlaintext() {
        TlsSession session = new TlsSession(false);

        StatusResponse response = send(processor, ClientIdRequest.wellFormed(TAG, DEVICE), session);

        assertThat(response.getServerResponseType()).isEqualTo(StatusResponse.Type.BAD);
        assertThat(response.getTextKey()).isEqualTo(HumanReadableText.UNKNOWN_COMMAND);
        assertThat(response.getCommand()).isNull();
        assertThat(ImapClientIdState.presentedClientId(session)).isEmpty();
    }

    @Test
    void clientIdShouldBeUnknownWhenDisabled() {
        TlsSession session = new TlsSession(true);

        StatusResponse response = send(processorWith(disabled()), ClientIdRequest.wellFormed(TAG, DEVICE), session);

        assertThat(response.getTextKey()).isEqualTo(HumanReadableText.UNKNOWN_COMMAND);
        assertThat(ImapClientIdState.presentedClientId(session)).isEmpty();
    }

    @Test
    void clientIdShouldBeTooLateWhenAfterAuthenticationAttempt() {
        TlsSession session = new TlsSession(true);
        ImapClientIdState.recordAuthenticationAttempt(session, Optional.empty());

        StatusResponse response = send(processor, ClientIdRequest.wellFormed(TAG, DEVICE), session);

        assertThat(response.getServerResponseType()).isEqualTo(StatusResponse.Type.BAD);
        assertThat(response.getTextKey()).isEqualTo(ClientIdProcessor.TOO_LATE);
        assertThat(ImapClientIdState.presentedClientId(session)).isEmpty();
    }

    @Test
    void clientIdShouldBeTooLateWhenAuthenticated() {
        TlsSession session = new TlsSession(true);
        session.authenticated();

        assertThat(send(processor, ClientIdRequest.wellFormed(TAG, DEVICE), session).getTextKey()).isEqualTo(ClientIdProcessor.TOO_LATE);
    }

    @Test
    void secondClientIdShouldBeRefusedWhateverItsSyntax() {
        TlsSession session = new TlsSession(true);
        send(processor, ClientIdRequest.wellFormed(TAG, DEVICE), session);

        assertThat(send(processor, ClientIdRequest.wellFormed(TAG, ClientId.of("UUID", "other")), session).getTextKey())
            .isEqualTo(ClientIdProcessor.ALREADY_PRESENTED);
        assertThat(send(processor, ClientIdRequest.malformed(TAG, "too many arguments"), session).getTextKey())
            .isEqualTo(ClientIdProcessor.ALREADY_PRESENTED);
        assertThat(ImapClientIdState.presentedClientId(session)).contains(DEVICE);
    }

    @Test
    void malformedClientIdShouldBeBadAndNotCountWhenRetried() {
        TlsSession session = new TlsSession(true);

        StatusResponse malformed = send(processor, ClientIdRequest.malformed(TAG, "client-id-token is required"), session);
        StatusResponse retried = send(processor, ClientIdRequest.wellFormed(TAG, DEVICE), session);

        assertThat(malformed.getServerResponseType()).isEqualTo(StatusResponse.Type.BAD);
        assertThat(malformed.getTextKey().getDefaultValue()).isEqualTo("failed. client-id-token is required.");
        assertThat(retried.getServerResponseType()).isEqualTo(StatusResponse.Type.OK);
    }
}

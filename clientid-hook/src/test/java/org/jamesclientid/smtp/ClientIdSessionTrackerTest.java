package org.jamesclientid.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPStartTlsResponse;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableSet;

class ClientIdSessionTrackerTest {
    private static CommandHandler<SMTPSession> handlerOf(String command) {
        return new CommandHandler<>() {
            @Override
            public Response onCommand(SMTPSession session, Request request) {
                return null;
            }

            @Override
            public Collection<String> getImplCommands() {
                return ImmutableSet.of(command);
            }
        };
    }

    private static SMTPResponse ehloReply(String... keywords) {
        SMTPResponse response = new SMTPResponse("250", "mx.example Hello client");
        for (String keyword : keywords) {
            response.appendLine(keyword);
        }
        return response;
    }

    private final ClientIdSessionTracker tracker = new ClientIdSessionTracker();

    @Test
    void onResponseShouldReturnTheSameStartTlsReplyWhenStartTls() throws Exception {
        SmtpDialogue dialogue = SmtpDialogue.plaintext();
        Response startTls = new SMTPStartTlsResponse("220", "2.0.0 Ready to start TLS").immutable();

        // The transport starts TLS only for a StartTlsResponse: the reply must go through untouched.
        assertThat(tracker.onResponse(dialogue.session(), startTls, 0, handlerOf("STARTTLS"))).isSameAs(startTls);
    }

    @Test
    void onResponseShouldIgnoreCallsWhenHandlerIsTheDispatcher() throws Exception {
        SmtpDialogue dialogue = SmtpDialogue.plaintext();
        SMTPResponse ehlo = ehloReply("CLIENTID", "PIPELINING");

        assertThat(tracker.onResponse(dialogue.session(), ehlo, 0, new CommandDispatcher<SMTPSession>())).isSameAs(ehlo);
        assertThat(ClientIdState.current(dialogue.session())).isEqualTo(ClientIdState.INITIAL);
    }

    @Test
    void onResponseShouldKeepOtherLinesInOrderWhenRemovingPipelining() throws Exception {
        SmtpDialogue dialogue = SmtpDialogue.plaintext();

        Response rewritten = tracker.onResponse(dialogue.session(), ehloReply("CLIENTID", "PIPELINING", "ENHANCEDSTATUSCODES", "8BITMIME"), 0, handlerOf("EHLO"));

        assertThat(rewritten.getLines()).containsExactly(
            "250-mx.example Hello client",
            "250-CLIENTID",
            "250-ENHANCEDSTATUSCODES",
            "250 8BITMIME");
        assertThat(ClientIdState.current(dialogue.session()).isAdvertised()).isTrue();
    }

    @Test
    void onResponseShouldKeepEndSessionWhenRewritingEhlo() throws Exception {
        SmtpDialogue dialogue = SmtpDialogue.plaintext();
        SMTPResponse ehlo = ehloReply("CLIENTID", "PIPELINING");
        ehlo.setEndSession(true);

        assertThat(tracker.onResponse(dialogue.session(), ehlo, 0, handlerOf("EHLO")).isEndSession()).isTrue();
    }

    @Test
    void onResponseShouldNotMarkAdvertisedWhenEhloFails() throws Exception {
        SmtpDialogue dialogue = SmtpDialogue.plaintext();

        tracker.onResponse(dialogue.session(), new SMTPResponse("501", "5.5.4 Domain address required: EHLO"), 0, handlerOf("EHLO"));

        assertThat(ClientIdState.current(dialogue.session()).isAdvertised()).isFalse();
    }

    @Test
    void onResponseShouldMarkAuthReceivedWhenAuthContinues() throws Exception {
        SmtpDialogue dialogue = SmtpDialogue.plaintext();

        tracker.onResponse(dialogue.session(), new SMTPResponse("334", "VXNlcm5hbWU6"), 0, handlerOf("AUTH"));

        assertThat(ClientIdState.current(dialogue.session()).isAuthReceived()).isTrue();
    }
}

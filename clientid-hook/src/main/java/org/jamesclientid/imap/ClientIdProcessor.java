package org.jamesclientid.imap;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.base.AbstractProcessor;
import org.apache.james.util.MDCBuilder;
import org.jamesclientid.core.ClientId;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Mono;

/**
 * The {@code CLIENTID} command and capability (draft-yu-imap-client-id): every well-formed identity presented on an
 * encrypted connection before any sign-in attempt is answered {@code OK} and kept for the connection; the sign-in
 * processors judge it.
 *
 * <p>Checks in the SMTP side's order: availability (I1, I7), then sequence (I9, I10), then syntax (I8). Every
 * refusal is a tagged {@code BAD} and the connection stays open.</p>
 */
public class ClientIdProcessor extends AbstractProcessor<ClientIdRequest> implements CapabilityImplementingProcessor {
    public static final Capability CLIENTID_CAPABILITY = Capability.of("CLIENTID");

    // What James' decoder answers to an unknown command once signed in; signed out it would say BYE and hang up.
    static final HumanReadableText UNKNOWN_COMMAND = HumanReadableText.UNKNOWN_COMMAND;
    static final HumanReadableText TOO_LATE = new HumanReadableText("org.jamesclientid.imap.CLIENTID_TOO_LATE",
        "failed. CLIENTID must come before LOGIN or AUTHENTICATE.");
    static final HumanReadableText ALREADY_PRESENTED = new HumanReadableText("org.jamesclientid.imap.CLIENTID_ALREADY_PRESENTED",
        "failed. CLIENTID was already accepted on this connection.");
    private static final String MALFORMED_KEY = "org.jamesclientid.imap.CLIENTID_MALFORMED";

    private final StatusResponseFactory factory;
    private ImapClientIdConfiguration configuration = ImapClientIdConfiguration.DEFAULT;

    @Inject
    public ClientIdProcessor(StatusResponseFactory factory) {
        super(ClientIdRequest.class);
        this.factory = factory;
    }

    /**
     * One instance per {@code <imapserver>}: its {@code customProperties} say whether CLIENTID is on.
     */
    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        this.configuration = ImapClientIdConfiguration.from(imapConfiguration.getCustomProperties());
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        if (isAvailable(session)) {
            return ImmutableList.of(CLIENTID_CAPABILITY);
        }
        return ImmutableList.of();
    }

    @Override
    protected Mono<Void> doProcess(ClientIdRequest request, Responder responder, ImapSession session) {
        return Mono.fromRunnable(() -> responder.respond(answer(request, session)));
    }

    private StatusResponse answer(ClientIdRequest request, ImapSession session) {
        if (!isAvailable(session)) {
            return factory.taggedBad(request.getTag(), null, UNKNOWN_COMMAND);
        }
        ImapClientIdState state = ImapClientIdState.current(session);
        if (state.isAuthenticationAttempted() || session.getState() != ImapSessionState.NON_AUTHENTICATED) {
            return factory.taggedBad(request.getTag(), request.getCommand(), TOO_LATE);
        }
        if (state.getPresented().isPresent()) {
            return factory.taggedBad(request.getTag(), request.getCommand(), ALREADY_PRESENTED);
        }
        if (request.getClientId().isEmpty()) {
            String reason = request.getMalformation().orElseThrow();
            return factory.taggedBad(request.getTag(), request.getCommand(), new HumanReadableText(MALFORMED_KEY, "failed. " + reason + "."));
        }
        ClientId clientId = request.getClientId().get();
        state.withPresented(clientId).saveIn(session);
        return factory.taggedOk(request.getTag(), request.getCommand(), HumanReadableText.COMPLETED);
    }

    private boolean isAvailable(ImapSession session) {
        return configuration.isEnabled() && session.isTLSActive();
    }

    @Override
    protected MDCBuilder mdc(ClientIdRequest request) {
        // Never the token.
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, "CLIENTID");
    }
}

package org.jamesclientid.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.StartTlsResponse;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPProtocolHandlerChain;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;

import com.google.common.collect.ImmutableList;

/**
 * One SMTP session through James' real command dispatcher and core handlers, with the given handlers placed
 * before the core ones as smtpserver.xml does. No socket: lines in, reply lines out.
 */
public class SmtpDialogue {
    public static SmtpDialogue plaintext(ProtocolHandler... handlers) throws WiringException {
        return new SmtpDialogue(false, handlers);
    }

    public static SmtpDialogue implicitTls(ProtocolHandler... handlers) throws WiringException {
        return new SmtpDialogue(true, handlers);
    }

    private final FakeTransport transport;
    private final SMTPSessionImpl session;
    private final CommandDispatcher<SMTPSession> dispatcher;

    @SuppressWarnings("unchecked")
    private SmtpDialogue(boolean tls, ProtocolHandler... handlers) throws WiringException {
        SMTPProtocolHandlerChain chain = new SMTPProtocolHandlerChain(new RecordingMetricFactory(), true);
        chain.addAll(0, ImmutableList.copyOf(handlers));
        chain.wireExtensibleHandlers();
        this.dispatcher = chain.getHandlers(CommandDispatcher.class).getFirst();
        this.transport = new FakeTransport(tls);
        this.session = new SMTPSessionImpl(transport, new SMTPConfigurationImpl());
    }

    public SMTPSession session() {
        return session;
    }

    /**
     * Sends one line and returns the reply lines, e.g. {@code ["250-hello", "250 CLIENTID"]}. A STARTTLS reply
     * switches the session to TLS as the real transport would.
     */
    @SuppressWarnings("unchecked")
    public List<String> send(String line) {
        byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
        Response response = transport.pushedLineHandler()
            .map(handler -> ((LineHandler<SMTPSession>) handler).onLine(session, bytes))
            .orElseGet(() -> dispatcher.onLine(session, bytes));
        if (response instanceof StartTlsResponse) {
            // What AbstractProtocolTransport does once the 220 is written.
            transport.startTls();
            session.resetState();
        }
        return response.getLines().stream().map(CharSequence::toString).collect(Collectors.toList());
    }

    public String sendAndGetLastLine(String line) {
        List<String> lines = send(line);
        return lines.get(lines.size() - 1);
    }

    public String code(String line) {
        return sendAndGetLastLine(line).substring(0, 3);
    }

    public ProtocolSession protocolSession() {
        return session;
    }
}

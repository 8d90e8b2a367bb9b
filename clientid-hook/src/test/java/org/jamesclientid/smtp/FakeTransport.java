package org.jamesclientid.smtp;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;

/**
 * A transport without a socket, for driving James' real SMTP session and handlers in unit tests.
 */
public class FakeTransport implements ProtocolTransport {
    private final Deque<LineHandler<? extends ProtocolSession>> lineHandlers = new ArrayDeque<>();
    private boolean tlsStarted;

    public FakeTransport(boolean tlsStarted) {
        this.tlsStarted = tlsStarted;
    }

    public void startTls() {
        tlsStarted = true;
    }

    public Optional<LineHandler<? extends ProtocolSession>> pushedLineHandler() {
        return Optional.ofNullable(lineHandlers.peek());
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return new InetSocketAddress("127.0.0.1", 587);
    }

    @Override
    public String getId() {
        return "fake-session";
    }

    @Override
    public boolean isTLSStarted() {
        return tlsStarted;
    }

    @Override
    public boolean isStartTLSSupported() {
        return true;
    }

    @Override
    public Optional<SSLSession> getSSLSession() {
        return Optional.empty();
    }

    @Override
    public boolean isProxyRequired() {
        return false;
    }

    @Override
    public void writeResponse(Response response, ProtocolSession session) {
    }

    @Override
    public void popLineHandler() {
        // James pops after every AUTH PLAIN, pushed or not; the Netty transport tolerates that too.
        lineHandlers.pollFirst();
    }

    @Override
    public void pushLineHandler(LineHandler<? extends ProtocolSession> overrideCommandHandler, ProtocolSession session) {
        lineHandlers.push(overrideCommandHandler);
    }

    @Override
    public void setReadable(boolean readable) {
    }

    @Override
    public boolean isReadable() {
        return true;
    }
}

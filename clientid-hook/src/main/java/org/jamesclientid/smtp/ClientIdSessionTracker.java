package org.jamesclientid.smtp;

import java.util.Collection;
import java.util.List;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.smtp.SMTPResponse;

/**
 * Keeps {@link ClientIdState} in step with the commands around CLIENTID, by watching their replies:
 * <ul>
 *     <li>EHLO / HELO: the session starts over (C8); an EHLO reply listing CLIENTID allows the command (C3)
 *     and loses its PIPELINING line, which the draft calls incompatible with CLIENTID (E4);</li>
 *     <li>STARTTLS answered {@code 220}: back to the initial state (C8); any other answer changes nothing;</li>
 *     <li>AUTH, whatever its outcome: CLIENTID is refused from then on (C6).</li>
 * </ul>
 * James hard-codes PIPELINING in its EHLO handler, hence a reply rewrite rather than a setting.
 */
public class ClientIdSessionTracker implements ProtocolHandlerResultHandler<Response, ProtocolSession> {
    private static final String PIPELINING = "PIPELINING";
    private static final String TLS_STARTS = "220";
    private static final int REPLY_CODE_AND_SEPARATOR_LENGTH = 4;

    @Override
    public Response onResponse(ProtocolSession session, Response response, long executionTime, ProtocolHandler handler) {
        if (!(handler instanceof CommandHandler)) {
            // Also called once per line by the channel handler with the dispatcher itself: nothing to learn there.
            return response;
        }
        Collection<String> commands = ((CommandHandler<?>) handler).getImplCommands();
        if (commands.contains("EHLO")) {
            return onEhlo(session, response);
        }
        if (commands.contains("HELO")) {
            ClientIdState.current(session).afterHelo(false).saveIn(session);
        } else if (commands.contains("STARTTLS") && TLS_STARTS.equals(response.getRetCode())) {
            // Only a TLS layer that really restarts resets the session: a refused STARTTLS (500 when TLS is already
            // active, 454, 501) keeps the identity and C6's AUTH received.
            ClientIdState.INITIAL.saveIn(session);
        } else if (commands.contains("AUTH")) {
            ClientIdState.current(session).withAuthReceived().saveIn(session);
        }
        return response;
    }

    private Response onEhlo(ProtocolSession session, Response response) {
        // getLines() formats every line anew: once per reply. Two EHLO replies per session, on the AUTH path's thread.
        List<CharSequence> lines = response.getLines();
        boolean advertised = hasKeyword(lines, ClientIdCmdHandler.EHLO_KEYWORD);
        ClientIdState.current(session).afterHelo(advertised).saveIn(session);
        if (advertised && hasKeyword(lines, PIPELINING)) {
            return withoutPipelining(response, lines);
        }
        return response;
    }

    /**
     * Whether a line after the greeting is exactly {@code keyword} (e.g. {@code 250-PIPELINING}).
     */
    private static boolean hasKeyword(List<CharSequence> lines, String keyword) {
        for (int i = 1; i < lines.size(); i++) {
            CharSequence line = lines.get(i);
            if (line.length() == REPLY_CODE_AND_SEPARATOR_LENGTH + keyword.length()
                && line.toString().startsWith(keyword, REPLY_CODE_AND_SEPARATOR_LENGTH)) {
                return true;
            }
        }
        return false;
    }

    private static String text(CharSequence line) {
        return line.length() > REPLY_CODE_AND_SEPARATOR_LENGTH ? line.subSequence(REPLY_CODE_AND_SEPARATOR_LENGTH, line.length()).toString() : "";
    }

    private static Response withoutPipelining(Response response, List<CharSequence> lines) {
        SMTPResponse rewritten = new SMTPResponse(response.getRetCode(), text(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            String keyword = text(lines.get(i));
            if (!keyword.equals(PIPELINING)) {
                rewritten.appendLine(keyword);
            }
        }
        rewritten.setEndSession(response.isEndSession());
        return rewritten;
    }
}

package org.jamesclientid.pop3;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.BadCredentialsException;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.jamesclientid.core.LogText;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.policy.AuthAttempt;
import org.jamesclientid.policy.DevicelessSignIn;
import org.jamesclientid.policy.PolicyDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableSet;

/**
 * POP3 {@code PASS} with the device policy: POP3 has no CLIENTID, so an account whose policy in force on POP3
 * requires one ({@code clientid.requireClientId.pop3}) cannot sign in with its password alone.
 *
 * <p>Listed in pop3server.xml's {@code <handlerchain>}: James puts the handlers listed there before its core
 * handlers, and its CommandDispatcher asks the handlers of a command in that order until one answers. So this one
 * answers every refusal itself (a wrong password and a refused sign-in alike: James' {@code -ERR Authentication
 * failed.}, the session back to its state before USER) and answers nothing when the sign-in is allowed, leaving it to
 * James' PassCmdHandler (which checks the password again and opens the mailbox). James 3.8.1's POP3 has USER/PASS
 * only: no AUTH, no APOP.</p>
 */
public class ClientIdPop3PassHandler implements CommandHandler<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdPop3PassHandler.class);
    private static final Collection<String> COMMANDS = ImmutableSet.of("PASS");
    // James' AbstractPassCmdHandler.AUTH_FAILED.
    static final Response AUTH_FAILED = new POP3Response(POP3Response.ERR_RESPONSE, "Authentication failed.").immutable();
    // RFC 3206: the client may retry later, and should not ask the user for another password.
    static final Response TEMPORARY_FAILURE = new POP3Response(POP3Response.ERR_RESPONSE, "[SYS/TEMP] Temporary authentication failure.")
        .immutable();
    // James' AbstractPassCmdHandler.UNEXPECTED_ERROR.
    static final Response UNEXPECTED_ERROR = new POP3Response(POP3Response.ERR_RESPONSE, "Unexpected error accessing mailbox").immutable();

    private final MailboxManager mailboxManager;
    private final DevicelessSignIn signIn;

    @Inject
    public ClientIdPop3PassHandler(MailboxManager mailboxManager, DevicelessSignIn signIn) {
        this.mailboxManager = mailboxManager;
        this.signIn = signIn;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        String password = request.getArgument();
        if (session.getHandlerState() != POP3Session.AUTHENTICATION_USERSET || password == null) {
            // James' own answer to a PASS out of place.
            return null;
        }
        Username username = session.getUsername();
        Optional<Boolean> passwordCheck = checkPassword(username, password);
        if (passwordCheck.isEmpty()) {
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return UNEXPECTED_ERROR;
        }
        boolean passwordValid = passwordCheck.get();
        PolicyDecision decision = signIn.decide(Protocol.POP3, AuthAttempt.PASSWORD_MECHANISM, username, passwordValid, remoteIp(session))
            .block();
        if (passwordValid && decision.isAllowed()) {
            return null;
        }
        session.setHandlerState(POP3Session.AUTHENTICATION_READY);
        if (decision.getOutcome() == PolicyDecision.Outcome.TEMPFAIL) {
            return TEMPORARY_FAILURE;
        }
        return AUTH_FAILED;
    }

    /**
     * Empty when the password could not be checked: James' PassCmdHandler would answer its unexpected error.
     */
    private Optional<Boolean> checkPassword(Username username, String password) {
        try {
            mailboxManager.authenticate(username, password).withoutDelegation();
            return Optional.of(true);
        } catch (BadCredentialsException e) {
            return Optional.of(false);
        } catch (MailboxException e) {
            LOGGER.error("Unexpected error checking the POP3 password of {}", LogText.quoted(username.asString()), e);
            return Optional.empty();
        }
    }

    private static Optional<String> remoteIp(POP3Session session) {
        return Optional.ofNullable(session.getRemoteAddress())
            .flatMap(address -> Optional.ofNullable(address.getAddress()))
            .map(InetAddress::getHostAddress);
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}

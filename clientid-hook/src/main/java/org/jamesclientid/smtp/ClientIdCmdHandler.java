package org.jamesclientid.smtp;

import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.EhloExtension;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.jamesclientid.core.ClientId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * The CLIENTID verb and its EHLO keyword (draft-storey-smtp-client-id, sections 3 and 4).
 *
 * <p>The command only records the identity in the session: whether the device is welcome is decided
 * at AUTH time (draft section 6.1), so any well-formed CLIENTID gets 250.</p>
 */
public class ClientIdCmdHandler implements CommandHandler<SMTPSession>, EhloExtension, ExtensibleHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdCmdHandler.class);

    public static final String COMMAND_NAME = "CLIENTID";
    public static final String EHLO_KEYWORD = "CLIENTID";
    private static final Collection<String> COMMANDS = ImmutableSet.of(COMMAND_NAME);
    private static final List<String> FEATURES = ImmutableList.of(EHLO_KEYWORD);

    // Byte for byte what James' UnknownCmdHandler answers: without TLS, CLIENTID does not exist (C2).
    static final Response UNRECOGNIZED = new SMTPResponse(SMTPRetCode.SYNTAX_ERROR_COMMAND_UNRECOGNIZED,
        DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.DELIVERY_INVALID_CMD) + " Command " + COMMAND_NAME + " unrecognized.").immutable();
    static final Response NOT_ADVERTISED = new SMTPResponse(SMTPRetCode.BAD_SEQUENCE,
        DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.DELIVERY_INVALID_CMD) + " Send EHLO first: CLIENTID was not advertised on this connection").immutable();
    static final Response AFTER_AUTH = new SMTPResponse(SMTPRetCode.BAD_SEQUENCE,
        DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.DELIVERY_INVALID_CMD) + " CLIENTID must be sent before AUTH").immutable();
    static final Response ALREADY_PRESENTED = new SMTPResponse(SMTPRetCode.BAD_SEQUENCE,
        DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.DELIVERY_INVALID_CMD) + " CLIENTID already accepted in this session").immutable();
    static final Response ACCEPTED = new SMTPResponse(SMTPRetCode.MAIL_OK,
        DSNStatus.getStatus(DSNStatus.SUCCESS, DSNStatus.UNDEFINED_STATUS) + " OK").immutable();

    public static final String ACCEPTED_METRIC = "clientid-command-accepted";
    public static final String MALFORMED_METRIC = "clientid-command-malformed";
    public static final String REFUSED_METRIC = "clientid-command-refused";

    private final Metric accepted;
    private final Metric malformed;
    private final Metric refused;
    private ClientIdProtocolConfiguration configuration = ClientIdProtocolConfiguration.DEFAULT;

    @Inject
    public ClientIdCmdHandler(MetricFactory metricFactory) {
        this.accepted = metricFactory.generate(ACCEPTED_METRIC);
        this.malformed = metricFactory.generate(MALFORMED_METRIC);
        this.refused = metricFactory.generate(REFUSED_METRIC);
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        this.configuration = ClientIdProtocolConfiguration.from(config);
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        Response response = answer(session, request);
        count(response);
        return response;
    }

    private void count(Response response) {
        if (response == ACCEPTED) {
            accepted.increment();
        } else if (response.getRetCode().equals(SMTPRetCode.SYNTAX_ERROR_ARGUMENTS)) {
            malformed.increment();
        } else {
            refused.increment();
        }
    }

    private Response answer(SMTPSession session, Request request) {
        if (!isAvailable(session)) {
            return UNRECOGNIZED;
        }
        ClientIdState state = ClientIdState.current(session);
        if (state.isAuthReceived() || session.getUsername() != null) {
            return AFTER_AUTH;
        }
        if (!state.isAdvertised()) {
            return NOT_ADVERTISED;
        }
        if (state.getPresented().isPresent()) {
            return ALREADY_PRESENTED;
        }
        try {
            ClientId clientId = ClientIdCommandParser.parse(request.getArgument());
            state.withPresented(clientId).saveIn(session);
            LOGGER.debug("CLIENTID of type {} accepted in session {}", clientId.getType(), session.getSessionID());
            return ACCEPTED;
        } catch (ClientIdCommandParser.MalformedClientIdException e) {
            return malformed(e.getMessage());
        }
    }

    private Response malformed(String reason) {
        return new SMTPResponse(SMTPRetCode.SYNTAX_ERROR_ARGUMENTS,
            DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.DELIVERY_INVALID_ARG) + " Syntax: CLIENTID <type> <token>: " + reason);
    }

    @Override
    public List<String> getImplementedEsmtpFeatures(SMTPSession session) {
        if (isAvailable(session)) {
            return FEATURES;
        }
        return ImmutableList.of();
    }

    private boolean isAvailable(SMTPSession session) {
        return configuration.isEnabled() && session.isTLSStarted();
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return ImmutableList.of(ProtocolHandlerResultHandler.class, AuthHook.class);
    }

    /**
     * Fails the server start when the handler chain lacks {@link ClientIdSessionTracker}: without it no EHLO
     * would be seen to advertise CLIENTID and every CLIENTID would be refused. Also when {@link ClientIdAuthHook} is
     * not the chain's first AUTH hook ({@link AuthHookOrderCheck}), whether CLIENTID is enabled or not.
     */
    @Override
    public void wireExtensions(Class<?> interfaceName, List<?> extension) throws WiringException {
        if (AuthHook.class.equals(interfaceName)) {
            AuthHookOrderCheck.CLIENTID.check(extension);
        }
        if (ProtocolHandlerResultHandler.class.equals(interfaceName)
            && configuration.isEnabled()
            && extension.stream().noneMatch(ClientIdSessionTracker.class::isInstance)) {
            throw new WiringException("smtpserver.xml: " + ClientIdCmdHandler.class.getName() + " needs <handler class=\""
                + ClientIdSessionTracker.class.getName() + "\"/> in the same <handlerchain>");
        }
    }

    ClientIdProtocolConfiguration getConfiguration() {
        return configuration;
    }
}

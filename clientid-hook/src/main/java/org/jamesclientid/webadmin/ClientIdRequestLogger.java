package org.jamesclientid.webadmin;

import static org.apache.james.webadmin.authentication.AuthenticationFilter.LOGIN;
import static org.apache.james.webadmin.mdc.LoggingRequestFilter.ENDPOINT;
import static org.apache.james.webadmin.mdc.LoggingRequestFilter.IP;
import static org.apache.james.webadmin.mdc.LoggingRequestFilter.LOGGER;
import static org.apache.james.webadmin.mdc.LoggingRequestFilter.METHOD;
import static org.apache.james.webadmin.mdc.LoggingRequestFilter.REQUEST_ID;

import org.apache.james.util.MDCStructuredLogger;
import org.apache.james.webadmin.mdc.RequestId;
import org.apache.james.webadmin.mdc.RequestLogger;

import spark.Request;

/**
 * Logs CLIENTID WebAdmin requests as James does, without their body: enrolment and block requests carry a raw device
 * token. Same idea as James' UserCreationRequestLogger for passwords. Query parameters are left out too: CLIENTID
 * routes have none, and for a body sent as a form (curl -d without a JSON Content-Type) they are the body.
 *
 * <p>James only uses request loggers bound in its own injector (see {@code ClientIdJamesMultibindingsModule});
 * with the extension loaded from extensions.properties, keep {@code org.apache.james.webadmin.mdc.LoggingRequestFilter}
 * at WARN in logback.xml, as the shipped one does.</p>
 */
public class ClientIdRequestLogger implements RequestLogger {
    static final String CLIENTID_PATHS = "/clientid/";

    @Override
    public boolean applies(Request request) {
        return request.pathInfo().startsWith(CLIENTID_PATHS);
    }

    @Override
    public void log(Request request, RequestId requestId) {
        MDCStructuredLogger.forLogger(LOGGER)
            .field(REQUEST_ID, requestId.asString())
            .field(IP, request.ip())
            .field(ENDPOINT, request.url())
            .field(METHOD, request.requestMethod())
            .field(LOGIN, request.attribute(LOGIN))
            .log(logger -> logger.info("WebAdmin request received: CLIENTID request, body not logged"));
    }
}

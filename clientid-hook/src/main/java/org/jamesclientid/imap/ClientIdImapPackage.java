package org.jamesclientid.imap;

import java.util.Collection;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.imap.decode.parser.AuthenticateCommandParser;
import org.apache.james.imap.decode.parser.LoginCommandParser;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.utils.ClassName;

import com.google.common.annotations.VisibleForTesting;
import com.google.common.collect.ImmutableList;

/**
 * James' IMAP commands with CLIENTID: the only package to list in imapserver.xml.
 *
 * <pre>
 * &lt;imapPackages&gt;org.jamesclientid.imap.ClientIdImapPackage&lt;/imapPackages&gt;
 * </pre>
 *
 * <p>James' {@link ImapPackage.DefaultNoAuth} as is, the CLIENTID command, and James' LOGIN and AUTHENTICATE
 * parsers with the processors that ask the device policy in place of {@link ImapPackage.DefaultAuth}'s (James
 * refuses to start when two packages bring a processor for the same request), and the encoder of
 * {@link UnavailableResponse}.</p>
 *
 * <p>James 3.8.1 asks one CAPABILITY processor, shared by every {@code <imapserver>}, which capabilities a session
 * has: a server without CLIENTID beside one with it would advertise a command it refuses. So James does not start
 * unless every enabled server has the same {@code clientid.enabled}.</p>
 */
public class ClientIdImapPackage extends ImapPackage.Impl {
    private static final ImapPackage JAMES_WITHOUT_SIGN_IN = new ImapPackage.DefaultNoAuth();
    private static final String IMAP_SERVERS = "imapserver";

    @Inject
    public ClientIdImapPackage(ConfigurationProvider configurationProvider) throws ConfigurationException {
        this();
        ImapClientIdConfiguration.ofEveryServer(configurationProvider.getConfiguration(IMAP_SERVERS));
    }

    @VisibleForTesting
    ClientIdImapPackage() {
        super(with(JAMES_WITHOUT_SIGN_IN.processors(),
                ClientIdProcessor.class, ClientIdLoginProcessor.class, ClientIdAuthenticateProcessor.class),
            with(JAMES_WITHOUT_SIGN_IN.decoders(),
                ClientIdImapCommandParser.class, LoginCommandParser.class, AuthenticateCommandParser.class),
            with(JAMES_WITHOUT_SIGN_IN.encoders(), UnavailableResponseEncoder.class));
    }

    private static ImmutableList<ClassName> with(Collection<ClassName> james, Class<?>... ours) {
        return Stream.concat(james.stream(), Stream.of(ours).map(clazz -> new ClassName(clazz.getCanonicalName())))
            .collect(ImmutableList.toImmutableList());
    }
}

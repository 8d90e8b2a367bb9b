package org.jamesclientid.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.jamesclientid.demo.JamesConfInstaller;

/**
 * Real James memory servers started from the project's own conf (james-config/conf), listening on free loopback
 * ports so the tests run beside a running demo.
 */
public final class ClientIdJamesServers {
    public static final String DOMAIN = "example.com";
    public static final String ALICE = "alice@example.com";
    public static final String ALICE_PASSWORD = "alice-secret";
    public static final String BOB = "bob@example.com";
    public static final String BOB_PASSWORD = "bob-secret";

    private ClientIdJamesServers() {
    }

    public static JamesServerExtension memoryServer() {
        return memoryServer(UnaryOperator.identity());
    }

    /**
     * @param smtpServerXmlEdit applied to the installed smtpserver.xml, for tests of other settings
     */
    public static JamesServerExtension memoryServer(UnaryOperator<String> smtpServerXmlEdit) {
        return new JamesServerBuilder<MemoryJamesConfiguration>(tmpDir -> configuration(tmpDir, smtpServerXmlEdit))
            .server(MemoryJamesServerMain::createServer)
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }

    private static MemoryJamesConfiguration configuration(File workingDirectory, UnaryOperator<String> smtpServerXmlEdit) {
        try {
            Path conf = JamesConfInstaller.install(JamesConfInstaller.defaultConfSource(), workingDirectory.toPath(),
                JamesConfInstaller.Listeners.loopbackEphemeral());
            Path smtpServerXml = conf.resolve("smtpserver.xml");
            Files.writeString(smtpServerXml, smtpServerXmlEdit.apply(Files.readString(smtpServerXml, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return MemoryJamesConfiguration.builder()
            .workingDirectory(workingDirectory)
            .build();
    }

    public static void createUsers(GuiceJamesServer server) throws Exception {
        DataProbeImpl data = server.getProbe(DataProbeImpl.class);
        if (!data.containsDomain(DOMAIN)) {
            data.addDomain(DOMAIN);
        }
        if (data.listUsers().length == 0) {
            data.addUser(ALICE, ALICE_PASSWORD);
            data.addUser(BOB, BOB_PASSWORD);
        }
    }

    /**
     * Port 25 of the conf: STARTTLS offered, AUTH announced.
     */
    public static int smtpPort(GuiceJamesServer server) {
        return server.getProbe(SmtpGuiceProbe.class).getSmtpStartTlsPort().getValue();
    }

    /**
     * Port 465 of the conf: implicit TLS.
     */
    public static int smtpsPort(GuiceJamesServer server) {
        return server.getProbe(SmtpGuiceProbe.class).getSmtpSslPort().getValue();
    }

    /**
     * Port 587 of the conf: submission, AUTH required.
     */
    public static int submissionPort(GuiceJamesServer server) {
        return server.getProbe(SmtpGuiceProbe.class).getSmtpAuthRequiredPort().getValue();
    }
}

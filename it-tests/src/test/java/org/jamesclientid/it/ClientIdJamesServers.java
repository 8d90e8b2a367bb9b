package org.jamesclientid.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.WebAdminGuiceProbe;
import org.jamesclientid.cassandra.ClientIdCassandraModule;
import org.jamesclientid.jdbc.ClientIdJdbcModule;
import org.jamesclientid.demo.JamesConfInstaller;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.guice.ClientIdJamesMultibindingsModule;
import org.jamesclientid.guice.ClientIdMemoryModule;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;

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

    private static final String EXTENSION_MODULE_LINE = "(?m)^guice\\.extension\\.module=.*$";

    private ClientIdJamesServers() {
    }

    /**
     * The shipped conf as is: the CLIENTID module is loaded by James from extensions.properties.
     */
    public static JamesServerExtension memoryServer() {
        return builder().build();
    }

    public static JamesServerExtension memoryServer(UnaryOperator<String> smtpServerXmlEdit) {
        return builder().editConf("smtpserver.xml", smtpServerXmlEdit).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static class Builder {
        private final ImmutableMap.Builder<String, UnaryOperator<String>> confEdits = ImmutableMap.builder();
        private Optional<Clock> clock = Optional.empty();
        private boolean inspectable = false;
        private boolean switchableStore = false;
        private boolean jamesMultibindings = false;
        private Optional<Supplier<CqlSession>> cassandraSession = Optional.empty();
        private Optional<Supplier<CqlSession>> sessionForExtension = Optional.empty();
        private boolean jdbcStore = false;
        private final ImmutableList.Builder<Class<? extends GuiceProbe>> probes = ImmutableList.<Class<? extends GuiceProbe>>builder()
            .add(ClientIdTestProbe.class);

        public Builder editConf(String file, UnaryOperator<String> edit) {
            confEdits.put(file, edit);
            return this;
        }

        /**
         * Sets {@code key=value} lines in clientid.properties, replacing the shipped value of each key.
         */
        public Builder clientIdProperties(String... keyValues) {
            return editConf("clientid.properties", content -> {
                String result = content;
                for (String keyValue : keyValues) {
                    String key = keyValue.substring(0, keyValue.indexOf('='));
                    result = result.replaceAll("(?m)^" + java.util.regex.Pattern.quote(key) + "=.*$", "") + "\n" + keyValue + "\n";
                }
                return result;
            });
        }

        /**
         * For a second server in the same JVM, which shares one MBean server with the first: its mailet processors
         * register nothing, and its SMTP and IMAP servers register under names starting with {@code prefix}.
         */
        public Builder secondServerInThisJvm(String prefix) {
            return editConf("mailetcontainer.xml", xml -> xml.replace("<processors>", "<processors enableJmx=\"false\">"))
                .editConf("smtpserver.xml", xml -> xml.replace("<jmxName>smtpserver-", "<jmxName>" + prefix + "-smtpserver-"))
                .editConf("imapserver.xml", xml -> xml.replace("<jmxName>imapserver", "<jmxName>" + prefix + "-imapserver"));
        }

        /**
         * Binds the CLIENTID module in the server's own injector instead of extensions.properties, so the test can
         * reach the device history through {@link ClientIdTestProbe}.
         */
        public Builder inspectable() {
            this.inspectable = true;
            return this;
        }

        /**
         * Another probe in the server's injector, beside {@link ClientIdTestProbe}.
         */
        public Builder probe(Class<? extends GuiceProbe> probe) {
            probes.add(probe);
            return inspectable();
        }

        public Builder clock(Clock clock) {
            this.clock = Optional.of(clock);
            return inspectable();
        }

        /**
         * The device store can be switched off with {@link SwitchableDeviceHistory#setDown(boolean)}.
         */
        public Builder switchableStore() {
            this.switchableStore = true;
            return inspectable();
        }

        /**
         * Also adds CLIENTID to James' own sets (user rename steps, WebAdmin request loggers) through
         * ClientIdJamesMultibindingsModule, which only works in the server's own injector.
         */
        public Builder withJamesMultibindings() {
            this.jamesMultibindings = true;
            return inspectable();
        }

        /**
         * The Cassandra device history ({@link ClientIdCassandraModule}) instead of the memory one, on the session
         * given: the memory server has no CqlSession of its own. Read when the server starts.
         */
        public Builder cassandraStore(Supplier<CqlSession> session) {
            this.cassandraSession = Optional.of(session);
            return inspectable();
        }

        /**
         * A server not started yet, working in {@code workingDirectory}: for tests of how it starts.
         */
        public GuiceJamesServer server(File workingDirectory) {
            Map<String, UnaryOperator<String>> edits = confEdits.build();
            return server(configuration(workingDirectory, edits, inspectable), inspectable);
        }

        /**
         * As on James' Cassandra servers: {@link ClientIdCassandraModule} loaded by James from extensions.properties
         * (a child injector), the CqlSession bound by the server itself (here: by the test, in the parent injector).
         */
        public Builder cassandraStoreAsExtension(Supplier<CqlSession> session) {
            this.sessionForExtension = Optional.of(session);
            return editConf("extensions.properties", content -> content.replaceAll(EXTENSION_MODULE_LINE,
                "guice.extension.module=" + ClientIdCassandraModule.class.getName()));
        }

        /**
         * As on James' JPA server: {@link ClientIdJdbcModule} loaded by James from extensions.properties, on the
         * database of a {@code james-database.properties} in the conf (James' own keys), here embedded Derby in
         * {@code derbyDirectory}.
         */
        public Builder jdbcStoreAsExtension(Path derbyDirectory) {
            return editConf("extensions.properties", content -> content.replaceAll(EXTENSION_MODULE_LINE,
                    "guice.extension.module=" + ClientIdJdbcModule.class.getName()))
                .jamesDatabase("jdbc:derby:" + derbyDirectory.toAbsolutePath() + ";create=true");
        }

        /**
         * The JDBC store ({@link ClientIdJdbcModule}) instead of the memory one, in the server's own injector (so that
         * {@link #clock} and {@link ClientIdTestProbe} reach it), on an embedded Derby database in this JVM's memory
         * named by a {@code james-database.properties} in the conf, as on James' JPA server.
         */
        public Builder jdbcStore() {
            this.jdbcStore = true;
            return jamesDatabase("jdbc:derby:memory:clientid-" + UUID.randomUUID() + ";create=true")
                .inspectable();
        }

        private Builder jamesDatabase(String derbyUrl) {
            return editConf("james-database.properties", any -> String.join("\n",
                "database.driverClassName=org.apache.derby.jdbc.EmbeddedDriver",
                "database.url=" + derbyUrl,
                "database.username=app",
                "database.password=app",
                "vendorAdapter.database=DERBY",
                ""));
        }

        public JamesServerExtension build() {
            Map<String, UnaryOperator<String>> edits = confEdits.build();
            boolean moduleInParent = inspectable;
            return new JamesServerBuilder<MemoryJamesConfiguration>(tmpDir -> configuration(tmpDir, edits, moduleInParent))
                .server(configuration -> server(configuration, moduleInParent))
                .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
                .build();
        }

        private Module clientIdModule() {
            if (cassandraSession.isPresent()) {
                return Modules.combine(new ClientIdCassandraModule(), cqlSession(cassandraSession.get()));
            }
            if (jdbcStore) {
                return new ClientIdJdbcModule();
            }
            if (switchableStore) {
                return Modules.override(new ClientIdMemoryModule()).with(binder -> binder.bind(DeviceHistory.class).to(SwitchableDeviceHistory.class));
            }
            return new ClientIdMemoryModule();
        }

        private GuiceJamesServer server(MemoryJamesConfiguration configuration, boolean moduleInParent) {
            GuiceJamesServer server = MemoryJamesServerMain.createServer(configuration);
            if (!moduleInParent) {
                return sessionForExtension
                    .map(session -> server.combineWith(cqlSession(session)))
                    .orElse(server);
            }
            Module clientId = clientIdModule();
            List<Class<? extends GuiceProbe>> probeClasses = probes.build();
            Module probe = binder -> probeClasses.forEach(probeClass -> Multibinder.newSetBinder(binder, GuiceProbe.class)
                .addBinding().to(probeClass));
            Module multibindings = jamesMultibindings ? new ClientIdJamesMultibindingsModule() : Modules.EMPTY_MODULE;
            GuiceJamesServer withClientId = server.combineWith(clientId, probe, multibindings);
            return clock
                .map(fixed -> withClientId.overrideWith(binder -> binder.bind(Clock.class).toInstance(fixed)))
                .orElse(withClientId);
        }
    }

    private static Module cqlSession(Supplier<CqlSession> session) {
        return binder -> binder.bind(CqlSession.class).toProvider((com.google.inject.Provider<CqlSession>) session::get)
            .in(com.google.inject.Scopes.SINGLETON);
    }

    private static MemoryJamesConfiguration configuration(File workingDirectory, Map<String, UnaryOperator<String>> edits, boolean moduleInParent) {
        try {
            Path conf = JamesConfInstaller.install(JamesConfInstaller.defaultConfSource(), workingDirectory.toPath(),
                JamesConfInstaller.Listeners.loopbackEphemeral());
            for (Map.Entry<String, UnaryOperator<String>> edit : edits.entrySet()) {
                editFile(conf.resolve(edit.getKey()), edit.getValue());
            }
            if (moduleInParent) {
                // Bound by the test in the server's injector: loading it again from extensions.properties would bind twice.
                editFile(conf.resolve("extensions.properties"), content -> content.replaceAll(EXTENSION_MODULE_LINE, ""));
            }
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

    private static void editFile(Path file, UnaryOperator<String> edit) throws IOException {
        String content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Files.writeString(file, edit.apply(content), StandardCharsets.UTF_8);
    }

    public static void createUsers(GuiceJamesServer server, String... extraUsers) throws Exception {
        DataProbeImpl data = server.getProbe(DataProbeImpl.class);
        if (!data.containsDomain(DOMAIN)) {
            data.addDomain(DOMAIN);
        }
        if (data.listUsers().length == 0) {
            data.addUser(ALICE, ALICE_PASSWORD);
            data.addUser(BOB, BOB_PASSWORD);
            for (String user : extraUsers) {
                data.addUser(user, passwordOf(user));
            }
        }
    }

    /**
     * Test accounts other than alice and bob have the password {@code <local part>-secret}.
     */
    public static String passwordOf(String user) {
        return user.substring(0, user.indexOf('@')) + "-secret";
    }

    public static int webAdminPort(GuiceJamesServer server) {
        return server.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
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

    /**
     * Port 143 of the conf: IMAP with STARTTLS.
     */
    public static int imapPort(GuiceJamesServer server) {
        return server.getProbe(ImapGuiceProbe.class).getImapStartTLSPort();
    }

    /**
     * Port 993 of the conf: IMAP over implicit TLS.
     */
    public static int imapsPort(GuiceJamesServer server) {
        return server.getProbe(ImapGuiceProbe.class).getImapSSLPort();
    }
}

package org.jamesclientid.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableMap;

/**
 * Copies the project's ready-to-copy James conf ({@code james-config/conf}) into a James working directory,
 * changing only where the servers listen, and makes the TLS keystore. The demo and the it-tests both start James
 * from this copy, so what they prove holds for the shipped conf.
 */
public final class JamesConfInstaller {
    /**
     * System property naming the conf directory to copy; defaults to {@code james-config/conf} under the current directory.
     */
    public static final String CONF_SOURCE_PROPERTY = "clientid.conf.source";
    public static final String SMTP_SERVER = "smtpserver-global";
    public static final String SMTPS_SERVER = "smtpserver-TLS";
    public static final String SUBMISSION_SERVER = "smtpserver-authenticated";
    public static final String IMAP_SERVER = "imapserver";
    public static final String IMAPS_SERVER = "imapserver-ssl";
    public static final String POP3_SERVER = "pop3server";

    private static final Pattern WEBADMIN_PORT = Pattern.compile("(?m)^port=.*$");
    private static final Pattern WEBADMIN_HOST = Pattern.compile("(?m)^host=.*$");
    private static final String POP3_DISABLED = "<pop3server enabled=\"false\">";
    private static final Pattern JMAP_DISABLED = Pattern.compile("(?m)^enabled=false$");
    private static final Pattern JMAP_PORT = Pattern.compile("(?m)^jmap\\.port=.*$");
    private static final Pattern JMAP_CLIENTID_STRATEGY = Pattern.compile(
        "(?m)^authentication\\.strategy\\.rfc8621=JWTAuthenticationStrategy,org\\.jamesclientid\\.jmap\\.ClientIdBasicAuthenticationStrategy$");
    // James 3.8.1's memory and distributed servers refuse to start JMAP without this mailet (docs/install.md).
    private static final String JMAP_FILTERING = "<mailet match=\"RecipientIsLocal\" class=\"org.apache.james.jmap.mailet.filter.JMAPFiltering\"/>";
    private static final Pattern TO_LOCAL_DELIVERY = Pattern.compile("(?m)^([ \\t]*)(<mailet match=\"RecipientIsLocal\" class=\"ToProcessor\">)");
    private static final Pattern SECRET_SET = Pattern.compile("(?m)^\\s*clientid\\.secret\\s*=\\s*\\S+");

    public static Path defaultConfSource() {
        Path source = Optional.ofNullable(System.getProperty(CONF_SOURCE_PROPERTY))
            .map(Paths::get)
            .orElse(Paths.get("james-config", "conf"));
        Preconditions.checkState(Files.exists(source.resolve("smtpserver.xml")),
            "No James conf at %s (set -D%s=<path to james-config/conf>)", source.toAbsolutePath(), CONF_SOURCE_PROPERTY);
        return source;
    }

    /**
     * Where each server binds: SMTP servers by jmxName, IMAP, and the WebAdmin host and port. Port 0 picks a free port.
     */
    public static final class Listeners {
        private static final String EPHEMERAL_LOOPBACK = "127.0.0.1:0";

        public static Listeners loopbackEphemeral() {
            return new Listeners(ImmutableMap.of(
                SMTP_SERVER, EPHEMERAL_LOOPBACK,
                SMTPS_SERVER, EPHEMERAL_LOOPBACK,
                SUBMISSION_SERVER, EPHEMERAL_LOOPBACK), EPHEMERAL_LOOPBACK, EPHEMERAL_LOOPBACK, Optional.empty(), Optional.empty(), "127.0.0.1", 0);
        }

        /**
         * IMAP with STARTTLS and IMAP over implicit TLS listen on free loopback ports unless {@link #withImap} and
         * {@link #withImaps} say otherwise. POP3 and JMAP stay as shipped (off) unless {@link #withPop3} and
         * {@link #withJmap} turn them on.
         */
        public static Listeners of(Map<String, String> smtpBinds, String webAdminHost, int webAdminPort) {
            return new Listeners(ImmutableMap.copyOf(smtpBinds), EPHEMERAL_LOOPBACK, EPHEMERAL_LOOPBACK, Optional.empty(), Optional.empty(),
                webAdminHost, webAdminPort);
        }

        private final ImmutableMap<String, String> smtpBinds;
        private final String imapBind;
        private final String imapsBind;
        private final Optional<String> pop3Bind;
        private final Optional<Integer> jmapPort;
        private final String webAdminHost;
        private final int webAdminPort;

        private Listeners(ImmutableMap<String, String> smtpBinds, String imapBind, String imapsBind, Optional<String> pop3Bind,
                          Optional<Integer> jmapPort, String webAdminHost, int webAdminPort) {
            this.smtpBinds = smtpBinds;
            this.imapBind = imapBind;
            this.imapsBind = imapsBind;
            this.pop3Bind = pop3Bind;
            this.jmapPort = jmapPort;
            this.webAdminHost = webAdminHost;
            this.webAdminPort = webAdminPort;
        }

        public Listeners withImap(String bind) {
            return new Listeners(smtpBinds, bind, imapsBind, pop3Bind, jmapPort, webAdminHost, webAdminPort);
        }

        public Listeners withImaps(String bind) {
            return new Listeners(smtpBinds, imapBind, bind, pop3Bind, jmapPort, webAdminHost, webAdminPort);
        }

        /**
         * Turns on the shipped POP3 server (STLS, the CLIENTID policy handler in its chain) on this address.
         */
        public Listeners withPop3(String bind) {
            return new Listeners(smtpBinds, imapBind, imapsBind, Optional.of(bind), jmapPort, webAdminHost, webAdminPort);
        }

        /**
         * Turns on the shipped JMAP (RFC 8621 Basic through the extension's strategy) on this port, as docs/install.md
         * tells operators: {@code enabled=true} and James' JMAPFiltering mailet in mailetcontainer.xml. A port only:
         * James 3.8.1's JMAP server has no bind address setting and listens on every interface.
         */
        public Listeners withJmap(int port) {
            return new Listeners(smtpBinds, imapBind, imapsBind, pop3Bind, Optional.of(port), webAdminHost, webAdminPort);
        }
    }

    private JamesConfInstaller() {
    }

    /**
     * @return the installed conf directory, {@code workingDirectory/conf}
     */
    public static Path install(Path confSource, Path workingDirectory, Listeners listeners) throws IOException, InterruptedException {
        Path conf = workingDirectory.resolve("conf");
        copyTree(confSource, conf);
        rewriteBinds(conf.resolve("smtpserver.xml"), listeners.smtpBinds);
        rewriteBinds(conf.resolve("imapserver.xml"), ImmutableMap.of(IMAP_SERVER, listeners.imapBind, IMAPS_SERVER, listeners.imapsBind));
        if (listeners.pop3Bind.isPresent()) {
            enablePop3(conf.resolve("pop3server.xml"), listeners.pop3Bind.get());
        }
        if (listeners.jmapPort.isPresent()) {
            edit(conf.resolve("jmap.properties"), properties -> enableJmap(properties, listeners.jmapPort.get()));
            edit(conf.resolve("mailetcontainer.xml"), JamesConfInstaller::addJmapFiltering);
        }
        rewriteWebAdmin(conf.resolve("webadmin.properties"), listeners);
        allowThrowAwaySecret(conf.resolve("clientid.properties"));
        SelfSignedKeystore.createIfMissing(conf.resolve("keystore"));
        return conf;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            files.forEach(file -> copy(file, target.resolve(source.relativize(file).toString())));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void copy(Path file, Path destination) {
        try {
            if (Files.isDirectory(file)) {
                Files.createDirectories(destination);
            } else {
                Files.copy(file, destination, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String rewriteBinds(String serverXml, Map<String, String> binds) {
        String result = serverXml;
        for (Map.Entry<String, String> bind : binds.entrySet()) {
            Pattern server = Pattern.compile("(<jmxName>" + Pattern.quote(bind.getKey()) + "</jmxName>\\s*<bind>)[^<]*(</bind>)");
            Matcher matcher = server.matcher(result);
            Preconditions.checkState(matcher.find(), "no server with <jmxName>%s</jmxName> followed by <bind>", bind.getKey());
            result = matcher.replaceFirst("$1" + Matcher.quoteReplacement(bind.getValue()) + "$2");
        }
        return result;
    }

    private static void rewriteBinds(Path serverXml, Map<String, String> binds) throws IOException {
        String content = Files.readString(serverXml, StandardCharsets.UTF_8);
        Files.writeString(serverXml, rewriteBinds(content, binds), StandardCharsets.UTF_8);
    }

    static String enablePop3(String pop3ServerXml, String bind) {
        Preconditions.checkState(pop3ServerXml.contains(POP3_DISABLED), "pop3server.xml has no %s to turn on", POP3_DISABLED);
        return rewriteBinds(pop3ServerXml.replace(POP3_DISABLED, "<pop3server enabled=\"true\">"), ImmutableMap.of(POP3_SERVER, bind));
    }

    private static void enablePop3(Path pop3ServerXml, String bind) throws IOException {
        String content = Files.readString(pop3ServerXml, StandardCharsets.UTF_8);
        Files.writeString(pop3ServerXml, enablePop3(content, bind), StandardCharsets.UTF_8);
    }

    /**
     * {@code enabled=true} and the port. Refused unless the extension's Basic strategy is the one configured: JMAP
     * served with James' own (the default when the line is missing) would let a password alone in where CLIENTID is
     * required.
     */
    static String enableJmap(String jmapProperties, int port) {
        Preconditions.checkState(JMAP_CLIENTID_STRATEGY.matcher(jmapProperties).find(),
            "jmap.properties does not name org.jamesclientid.jmap.ClientIdBasicAuthenticationStrategy in authentication.strategy.rfc8621");
        Preconditions.checkState(JMAP_DISABLED.matcher(jmapProperties).find(), "jmap.properties has no enabled=false line to turn on");
        String enabled = JMAP_DISABLED.matcher(jmapProperties).replaceFirst("enabled=true");
        if (JMAP_PORT.matcher(enabled).find()) {
            return JMAP_PORT.matcher(enabled).replaceAll("jmap.port=" + port);
        }
        return enabled + (enabled.endsWith("\n") ? "" : "\n") + "jmap.port=" + port + "\n";
    }

    /**
     * James' JMAPFiltering mailet just before the transport processor hands local recipients to local-delivery, the
     * form docs/install.md gives.
     */
    static String addJmapFiltering(String mailetContainerXml) {
        Matcher toLocalDelivery = TO_LOCAL_DELIVERY.matcher(mailetContainerXml);
        Preconditions.checkState(toLocalDelivery.find(), "mailetcontainer.xml has no <mailet match=\"RecipientIsLocal\" class=\"ToProcessor\">");
        return toLocalDelivery.replaceFirst("$1" + Matcher.quoteReplacement(JMAP_FILTERING) + "\n$1$2");
    }

    private static void edit(Path file, UnaryOperator<String> edit) throws IOException {
        Files.writeString(file, edit.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /**
     * The shipped conf leaves the device-id secret to the operator. The demo and the tests keep devices in memory
     * for one run, so a generated secret does for them: said in the copy, never in the shipped file.
     */
    private static void allowThrowAwaySecret(Path clientIdProperties) throws IOException {
        if (!Files.exists(clientIdProperties)) {
            return;
        }
        String content = Files.readString(clientIdProperties, StandardCharsets.UTF_8);
        if (!SECRET_SET.matcher(content).find()) {
            Files.writeString(clientIdProperties, content
                + "\n# Added by JamesConfInstaller for the demo and the tests only: devices live in memory for one run.\n"
                + "clientid.secret.generateIfMissing=true\n", StandardCharsets.UTF_8);
        }
    }

    private static void rewriteWebAdmin(Path webAdminProperties, Listeners listeners) throws IOException {
        String content = Files.readString(webAdminProperties, StandardCharsets.UTF_8);
        content = WEBADMIN_PORT.matcher(content).replaceAll("port=" + listeners.webAdminPort);
        content = WEBADMIN_HOST.matcher(content).replaceAll("host=" + listeners.webAdminHost);
        Files.writeString(webAdminProperties, content, StandardCharsets.UTF_8);
    }
}

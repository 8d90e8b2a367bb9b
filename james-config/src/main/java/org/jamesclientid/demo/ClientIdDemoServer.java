package org.jamesclientid.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.utils.DataProbeImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

/**
 * The demo behind {@code ./run-demo}: James' memory server with the project's conf, on fixed loopback ports, with
 * the domain example.com and two users. Prints {@value #READY} once every port accepts connections.
 */
public final class ClientIdDemoServer {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdDemoServer.class);

    public static final String READY = "CLIENTID demo ready";
    public static final String HOST = "127.0.0.1";
    public static final int SMTP_PORT = 2525;
    public static final int SMTPS_PORT = 4465;
    public static final int SUBMISSION_PORT = 5587;
    public static final int WEBADMIN_PORT = 8000;
    public static final int IMAP_PORT = 1143;
    public static final int IMAPS_PORT = 1993;
    public static final int POP3_PORT = 1110;
    // James 3.8.1's JMAP server takes a port only and listens on every interface (no bind address setting).
    public static final int JMAP_PORT = 1080;
    public static final String DOMAIN = "example.com";
    private static final List<String[]> USERS = ImmutableList.of(
        new String[] {"alice@example.com", "alice-secret"},
        new String[] {"bob@example.com", "bob-secret"});
    private static final Duration PORTS_TIMEOUT = Duration.ofSeconds(60);

    private ClientIdDemoServer() {
    }

    public static void main(String[] args) throws Exception {
        Path workingDirectory = Paths.get(args.length > 0 ? args[0] : "james-config/target/demo").toAbsolutePath();
        boolean madeKeystore = !workingDirectory.resolve("conf/keystore").toFile().exists();
        JamesConfInstaller.install(JamesConfInstaller.defaultConfSource(), workingDirectory, JamesConfInstaller.Listeners.of(
            ImmutableMap.of(
                JamesConfInstaller.SMTP_SERVER, HOST + ":" + SMTP_PORT,
                JamesConfInstaller.SMTPS_SERVER, HOST + ":" + SMTPS_PORT,
                JamesConfInstaller.SUBMISSION_SERVER, HOST + ":" + SUBMISSION_PORT),
            HOST, WEBADMIN_PORT).withImap(HOST + ":" + IMAP_PORT).withImaps(HOST + ":" + IMAPS_PORT)
            .withPop3(HOST + ":" + POP3_PORT).withJmap(JMAP_PORT));
        if (madeKeystore) {
            System.out.println("Made a self-signed certificate for localhost: " + workingDirectory.resolve("conf/keystore"));
        }

        GuiceJamesServer server = MemoryJamesServerMain.createServer(MemoryJamesConfiguration.builder()
            .workingDirectory(workingDirectory.toFile())
            .build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the CLIENTID demo");
            server.stop();
        }, "clientid-demo-shutdown"));
        server.start();
        createDemoAccounts(server.getProbe(DataProbeImpl.class));
        awaitPorts(ImmutableList.of(SMTP_PORT, SMTPS_PORT, SUBMISSION_PORT, WEBADMIN_PORT, IMAP_PORT, IMAPS_PORT, POP3_PORT, JMAP_PORT));

        printBanner(workingDirectory);
        System.out.println(READY);
        System.out.flush();
    }

    private static void createDemoAccounts(DataProbeImpl data) throws Exception {
        if (!data.containsDomain(DOMAIN)) {
            data.addDomain(DOMAIN);
        }
        for (String[] user : USERS) {
            data.addUser(user[0], user[1]);
        }
    }

    private static void awaitPorts(List<Integer> ports) throws InterruptedException {
        Instant deadline = Instant.now().plus(PORTS_TIMEOUT);
        for (int port : ports) {
            while (!accepts(port)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Port " + port + " does not accept connections after " + PORTS_TIMEOUT);
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void printBanner(Path workingDirectory) {
        System.out.println();
        System.out.println("  SMTP + STARTTLS      " + HOST + ":" + SMTP_PORT);
        System.out.println("  SMTP implicit TLS    " + HOST + ":" + SMTPS_PORT);
        System.out.println("  Submission STARTTLS  " + HOST + ":" + SUBMISSION_PORT + " (AUTH required)");
        System.out.println("  WebAdmin             http://" + HOST + ":" + WEBADMIN_PORT + " (no JWT: demo only)");
        System.out.println("  IMAP + STARTTLS      " + HOST + ":" + IMAP_PORT + " (CLIENTID after STARTTLS; read the sign-in notices)");
        System.out.println("  IMAP implicit TLS    " + HOST + ":" + IMAPS_PORT + " (CLIENTID)");
        System.out.println("  POP3 + STLS          " + HOST + ":" + POP3_PORT + " (no CLIENTID: refused to accounts whose policy requires it)");
        System.out.println("  JMAP (RFC 8621)      http://" + HOST + ":" + JMAP_PORT + "/jmap/session (plain HTTP on every interface; Basic refused to accounts whose policy requires CLIENTID)");
        System.out.println("  Users                alice@example.com / alice-secret, bob@example.com / bob-secret (demo only)");
        System.out.println("  Logs                 " + workingDirectory.resolve("logs"));
        System.out.println("  Try: openssl s_client -quiet -starttls smtp -crlf -connect " + HOST + ":" + SMTP_PORT);
        System.out.println();
    }
}

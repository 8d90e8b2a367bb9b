package org.jamesclientid.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jamesclientid.demo.JamesConfInstaller;

import com.google.common.base.Joiner;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

/**
 * James' own {@code org.apache.james.MemoryJamesServerMain}, 3.8.1, in a separate JVM whose classpath holds James'
 * jars only, set up as a user would: the project's conf copied into the working directory and the drop-in jar in
 * {@code extensions-jars/}. Whatever CLIENTID does there, the drop-in jar did.
 */
public final class StockJamesServer implements AutoCloseable {
    public static final String MAIN_CLASS = "org.apache.james.MemoryJamesServerMain";
    public static final String HOST = "127.0.0.1";

    // James starts in a few seconds, but much slower when other builds load a small machine.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 60;

    /**
     * Launches James and returns once its SMTP, IMAP, POP3, JMAP and WebAdmin ports accept connections. POP3 (STLS, the
     * shipped pop3server.xml with the extension's PASS handler) and JMAP (the shipped jmap.properties with the
     * extension's Basic strategy, plus James' JMAPFiltering mailet, as docs/install.md tells operators) are turned on
     * here only: they need the drop-in jar.
     *
     * @param directory James' working directory: emptied, then filled like an installation (conf/, extensions-jars/, logs/)
     * @param jamesClasspath the jars of James' memory server, nothing else
     */
    public static StockJamesServer start(Path directory, Path dropInJar, List<Path> jamesClasspath) throws IOException, InterruptedException {
        Preconditions.checkState(Files.isRegularFile(dropInJar), "No drop-in jar at %s: build it with mvn package (james-config)", dropInJar);
        return start(directory, ImmutableList.of(dropInJar), jamesClasspath, ImmutableMap.of(), TEST_JVM_OPTIONS, true);
    }

    /**
     * As {@link #start(Path, Path, List)}, with or without the drop-in jar, the installed conf files edited, and the
     * given JVM options (heap, JIT, GC) instead of the test ones.
     */
    public static StockJamesServer start(Path directory, Optional<Path> dropInJar, List<Path> jamesClasspath,
                                         Map<String, UnaryOperator<String>> confEdits, List<String> jvmOptions) throws IOException, InterruptedException {
        dropInJar.ifPresent(jar -> Preconditions.checkState(Files.isRegularFile(jar), "No drop-in jar at %s: build it with mvn package (james-config)", jar));
        return start(directory, dropInJar.map(ImmutableList::of).orElse(ImmutableList.of()), jamesClasspath, confEdits, jvmOptions);
    }

    /**
     * As {@link #start(Path, Optional, List, Map, List)}, with any number of jars in {@code extensions-jars/}.
     */
    public static StockJamesServer start(Path directory, List<Path> extensionJars, List<Path> jamesClasspath,
                                         Map<String, UnaryOperator<String>> confEdits, List<String> jvmOptions) throws IOException, InterruptedException {
        return start(directory, extensionJars, jamesClasspath, confEdits, jvmOptions, false);
    }

    private static StockJamesServer start(Path directory, List<Path> extensionJars, List<Path> jamesClasspath,
                                          Map<String, UnaryOperator<String>> confEdits, List<String> jvmOptions,
                                          boolean servePop3AndJmap) throws IOException, InterruptedException {
        Path workingDirectory = directory.toAbsolutePath();
        deleteRecursively(workingDirectory);
        Files.createDirectories(workingDirectory.resolve("logs"));
        Path extensionsJars = Files.createDirectories(workingDirectory.resolve("extensions-jars"));
        for (Path jar : extensionJars) {
            Files.copy(jar, extensionsJars.resolve(jar.getFileName()));
        }

        // A separate JVM cannot be asked for the ports it bound: pick free ones here and write them into the conf.
        List<Integer> ports = freePorts(8);
        Map<String, Integer> smtpPorts = ImmutableMap.of(
            JamesConfInstaller.SMTP_SERVER, ports.get(0),
            JamesConfInstaller.SMTPS_SERVER, ports.get(1),
            JamesConfInstaller.SUBMISSION_SERVER, ports.get(2));
        int webAdminPort = ports.get(3);
        Map<String, Integer> imapPorts = ImmutableMap.of(
            JamesConfInstaller.IMAP_SERVER, ports.get(4),
            JamesConfInstaller.IMAPS_SERVER, ports.get(5));
        Optional<Integer> pop3Port = servePop3AndJmap ? Optional.of(ports.get(6)) : Optional.empty();
        Optional<Integer> jmapPort = servePop3AndJmap ? Optional.of(ports.get(7)) : Optional.empty();
        JamesConfInstaller.Listeners listeners = JamesConfInstaller.Listeners.of(
            smtpPorts.entrySet().stream().collect(ImmutableMap.toImmutableMap(Map.Entry::getKey, e -> HOST + ":" + e.getValue())),
            HOST, webAdminPort)
            .withImap(HOST + ":" + imapPorts.get(JamesConfInstaller.IMAP_SERVER))
            .withImaps(HOST + ":" + imapPorts.get(JamesConfInstaller.IMAPS_SERVER));
        JamesConfInstaller.install(JamesConfInstaller.defaultConfSource(), workingDirectory,
            servePop3AndJmap ? listeners.withPop3(HOST + ":" + pop3Port.get()).withJmap(jmapPort.get()) : listeners);
        for (Map.Entry<String, UnaryOperator<String>> edit : confEdits.entrySet()) {
            Path file = workingDirectory.resolve("conf").resolve(edit.getKey());
            // A file the shipped conf lacks (james-database.properties, which James' JPA server ships) starts empty.
            String content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            Files.writeString(file, edit.getValue().apply(content), StandardCharsets.UTF_8);
        }

        List<String> command = command(workingDirectory, jamesClasspath, jvmOptions);
        Files.writeString(workingDirectory.resolve("command.txt"), Joiner.on(' ').join(command), StandardCharsets.UTF_8);
        return launch(command, workingDirectory, jamesClasspath, smtpPorts, imapPorts, pop3Port, jmapPort, webAdminPort);
    }

    /**
     * James again, after {@link #close()}, with the same command in the same working directory: its conf, its
     * extensions-jars/ and what James wrote there are kept, as when an operator restarts it.
     */
    public StockJamesServer startAgain() throws IOException, InterruptedException {
        Preconditions.checkState(!process.isAlive(), "James is still running: close() it first");
        return launch(command, workingDirectory, classpath, smtpPorts, imapPorts, pop3Port, jmapPort, webAdminPort);
    }

    private static StockJamesServer launch(List<String> command, Path workingDirectory, List<Path> jamesClasspath,
                                           Map<String, Integer> smtpPorts, Map<String, Integer> imapPorts,
                                           Optional<Integer> pop3Port, Optional<Integer> jmapPort, int webAdminPort)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
            // James' logback.xml writes logs/james.log relative to the current directory, as in James' own image.
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(workingDirectory.resolve("logs/console.log").toFile()));
        // Nothing from this JVM's environment may add to the classpath or the options.
        Stream.of("CLASSPATH", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS").forEach(builder.environment()::remove);

        StockJamesServer server = new StockJamesServer(builder.start(), command, workingDirectory, jamesClasspath, smtpPorts,
            imapPorts, pop3Port, jmapPort, webAdminPort);
        try {
            server.awaitPorts(ImmutableList.<Integer>builder().addAll(smtpPorts.values()).addAll(imapPorts.values())
                .addAll(pop3Port.stream().iterator()).addAll(jmapPort.stream().iterator()).add(webAdminPort).build());
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * The JVM command line: Java from this JVM's java.home, James' main class, the system properties of James' own
     * Docker image (working directory, logback file), and a startup error stops the JVM. The JIT and GC flags only
     * make startup cheaper on a small test machine (about 3x faster on 2 busy cores); they change no class loading.
     */
    static final List<String> TEST_JVM_OPTIONS = ImmutableList.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static List<String> command(Path workingDirectory, List<Path> jamesClasspath, List<String> jvmOptions) {
        return ImmutableList.<String>builder()
            .add(Paths.get(System.getProperty("java.home"), "bin", "java").toString())
            .addAll(jvmOptions)
            .add(
            "-Dworking.directory=" + workingDirectory,
            "-Dlogback.configurationFile=" + workingDirectory.resolve("conf/logback.xml"),
            "-Djames.exit.on.startup.error=true",
            "-cp", jamesClasspath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
            MAIN_CLASS)
            .build();
    }

    /**
     * Reads the classpath file written by the stock-james module (maven-dependency-plugin build-classpath).
     */
    public static List<Path> readClasspathFile(Path classpathFile) throws IOException {
        Preconditions.checkState(Files.isRegularFile(classpathFile),
            "No stock James classpath at %s: build the stock-james module (mvn package)", classpathFile);
        return Arrays.stream(Files.readString(classpathFile, StandardCharsets.UTF_8).trim().split(File.pathSeparator))
            .map(Paths::get)
            .collect(ImmutableList.toImmutableList());
    }

    private final Process process;
    private final List<String> command;
    private final Path workingDirectory;
    private final List<Path> classpath;
    private final Map<String, Integer> smtpPorts;
    private final Map<String, Integer> imapPorts;
    private final Optional<Integer> pop3Port;
    private final Optional<Integer> jmapPort;
    private final int webAdminPort;
    private final HttpClient http;
    private final Thread killOnExit;

    private StockJamesServer(Process process, List<String> command, Path workingDirectory, List<Path> classpath,
                             Map<String, Integer> smtpPorts, Map<String, Integer> imapPorts, Optional<Integer> pop3Port,
                             Optional<Integer> jmapPort, int webAdminPort) {
        this.process = process;
        this.command = command;
        this.workingDirectory = workingDirectory;
        this.classpath = classpath;
        this.smtpPorts = smtpPorts;
        this.imapPorts = imapPorts;
        this.pop3Port = pop3Port;
        this.jmapPort = jmapPort;
        this.webAdminPort = webAdminPort;
        this.http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        // An interrupted build must not leave James running and holding its ports.
        this.killOnExit = new Thread(process::destroyForcibly, "stock-james-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * The James JVM's process id, to read its CPU time from /proc.
     */
    public long pid() {
        return process.pid();
    }

    public int webAdminPort() {
        return webAdminPort;
    }

    public List<Path> classpath() {
        return classpath;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /**
     * Port 25 of the conf: STARTTLS offered, AUTH announced.
     */
    public int smtpPort() {
        return smtpPorts.get(JamesConfInstaller.SMTP_SERVER);
    }

    /**
     * Port 465 of the conf: implicit TLS.
     */
    public int smtpsPort() {
        return smtpPorts.get(JamesConfInstaller.SMTPS_SERVER);
    }

    /**
     * Port 587 of the conf: submission, AUTH required.
     */
    public int submissionPort() {
        return smtpPorts.get(JamesConfInstaller.SUBMISSION_SERVER);
    }

    /**
     * Port 143 of the conf: IMAP with STARTTLS.
     */
    public int imapPort() {
        return imapPorts.get(JamesConfInstaller.IMAP_SERVER);
    }

    /**
     * Port 993 of the conf: IMAP over implicit TLS.
     */
    public int imapsPort() {
        return imapPorts.get(JamesConfInstaller.IMAPS_SERVER);
    }

    /**
     * Port 110 of the conf: POP3 with STLS, when started with the drop-in jar by {@link #start(Path, Path, List)}.
     */
    public int pop3Port() {
        return pop3Port.orElseThrow(() -> new IllegalStateException("POP3 is off on this server"));
    }

    /**
     * JMAP's HTTP port (jmap.port; plain HTTP, on every interface: James 3.8.1 has no bind address for it), when
     * started with the drop-in jar by {@link #start(Path, Path, List)}.
     */
    public int jmapPort() {
        return jmapPort.orElseThrow(() -> new IllegalStateException("JMAP is off on this server"));
    }

    /**
     * Sends a request to James WebAdmin and fails, with the reply and the log tail, unless it answers 2xx.
     *
     * @return the reply body
     */
    public String webAdmin(String method, String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + webAdminPort + path))
            .timeout(HTTP_TIMEOUT)
            .header("Content-Type", "application/json")
            .method(method, jsonBody.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody))
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("WebAdmin " + method + " " + path + " answered " + response.statusCode() + ": "
                + response.body() + "\n" + logTail());
        }
        return response.body();
    }

    /**
     * The end of James' own log file, then of its console output (startup failures before logback is up land there).
     */
    public String logTail() {
        String jamesLog;
        try {
            jamesLog = jamesLog();
        } catch (IOException e) {
            jamesLog = "(unreadable: " + e + ")";
        }
        return "--- " + workingDirectory.resolve("logs/james.log") + " (last " + LOG_TAIL_LINES + " lines)\n"
            + tail(jamesLog)
            + "\n--- " + workingDirectory.resolve("logs/console.log") + " (last " + LOG_TAIL_LINES + " lines)\n"
            + tail(read(workingDirectory.resolve("logs/console.log")));
    }

    /**
     * James' log since start: the conf's logback rolls logs/james.log over at midnight into logs/james.DATE.log.
     */
    public String jamesLog() throws IOException {
        try (Stream<Path> files = Files.list(workingDirectory.resolve("logs"))) {
            return files.filter(file -> file.getFileName().toString().matches("james(\\.\\d{4}-\\d{2}-\\d{2})?\\.log"))
                // The dated files, older, sort before james.log.
                .sorted()
                .map(StockJamesServer::read)
                .collect(Collectors.joining());
        }
    }

    /**
     * SIGTERM, so James' shutdown hook stops the servers; killed if it has not exited after {@link #STOP_TIMEOUT}.
     */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        Runtime.getRuntime().removeShutdownHook(killOnExit);
    }

    private void awaitPorts(List<Integer> ports) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        for (int port : ports) {
            while (!accepts(port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("James exited with code " + process.exitValue()
                        + " before port " + port + " accepted connections\n" + logTail());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("James' port " + port + " does not accept connections after "
                        + START_TIMEOUT.toSeconds() + " s\n" + logTail());
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

    private static List<Integer> freePorts(int count) throws IOException {
        // All open at once, so the ports are distinct.
        ImmutableList.Builder<ServerSocket> sockets = ImmutableList.builder();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
            }
            return sockets.build().stream().map(ServerSocket::getLocalPort).collect(ImmutableList.toImmutableList());
        } finally {
            for (ServerSocket socket : sockets.build()) {
                socket.close();
            }
        }
    }

    private static String tail(String text) {
        List<String> lines = Arrays.asList(text.split("\n"));
        return Joiner.on('\n').join(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

package org.jamesclientid.jdbc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;

import com.google.common.collect.ImmutableList;

/**
 * A real PostgreSQL for the tests: Debian's {@code postgresql} binaries (installed by {@code .ci/run} when missing),
 * a fresh cluster in a temporary folder, listening on 127.0.0.1 on a free port, stopped and deleted when the tests of
 * this JVM end (also on a JVM exit, by a shutdown hook). {@code initdb} refuses to run as root: as root (CI), the
 * server runs as Debian's {@code postgres} system user through {@code runuser}. Nothing is skipped when PostgreSQL is
 * missing: the tests fail and say how to install it. Public for it-tests' {@code ./run-bench} (its {@code jdbc_postgres}
 * variant), which reads the server's CPU from {@link #postmasterPid()}.
 */
public final class PostgresServer implements ExtensionContext.Store.CloseableResource {
    public static final String USER = "clientid";
    // Fast tests: no durability needed of a database deleted at the end.
    private static final List<String> TEST_SETTINGS = ImmutableList.of("fsync=off", "max_connections=50");
    private static final String SYSTEM_USER = "postgres";
    private static final Path DEBIAN_BINARIES = Paths.get("/usr/lib/postgresql");
    private static final long TIMEOUT_SECONDS = 60;

    static PostgresServer shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(PostgresServer.class, any -> start(), PostgresServer.class);
    }

    static PostgresServer start() {
        return start(ImmutableList.of());
    }

    /**
     * @param settings {@code name=value} server settings ({@code -c}), after the tests' own ({@code fsync=off},
     *                 {@code max_connections=50}), which they override
     */
    public static PostgresServer start(List<String> settings) {
        Path binaries = binaries();
        try {
            Path directory = Files.createTempDirectory("clientid-postgres");
            PostgresServer server = new PostgresServer(binaries, directory, freePort());
            server.initAndStart(ImmutableList.<String>builder().addAll(TEST_SETTINGS).addAll(settings).build());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.isDirectory(DEBIAN_BINARIES) ? Files.list(DEBIAN_BINARIES) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed: no " + DEBIAN_BINARIES + "/<version>/bin/initdb. "
                    + "Install Debian's package: apt-get install postgresql (.ci/run does it when missing)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private final Path binaries;
    private final Path directory;
    private final Path data;
    private final int port;
    private final boolean asRoot;
    private final Thread shutdownHook = new Thread(this::stop, "clientid-postgres-stop");

    private PostgresServer(Path binaries, Path directory, int port) {
        this.binaries = binaries;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
        this.asRoot = "root".equals(System.getProperty("user.name"));
    }

    private void initAndStart(List<String> settings) throws IOException {
        if (asRoot) {
            run(ImmutableList.of("chown", SYSTEM_USER + ":", directory.toString()), false);
        }
        run(ImmutableList.of(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
            "-E", "UTF8", "--no-locale", "--no-sync"), true);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        run(ImmutableList.of(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", String.valueOf(TIMEOUT_SECONDS),
            "-l", directory.resolve("postgres.log").toString(),
            "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1"
                + settings.stream().map(setting -> " -c " + setting).collect(Collectors.joining()),
            "start"), true);
    }

    public String url() {
        return url("postgres");
    }

    /**
     * The URL of another database of this server (created with {@code CREATE DATABASE} first).
     */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * The postmaster: every server process (a backend per connection, the background workers) is its child.
     */
    public long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.US_ASCII).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(List<String> command, boolean asServerUser) throws IOException {
        List<String> full = asServerUser && asRoot
            ? ImmutableList.<String>builder().add("runuser", "-u", SYSTEM_USER, "--").addAll(command).build()
            : command;
        File output = Files.createTempFile("clientid-postgres", ".out").toFile();
        try {
            Process process = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(output)
                .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL: " + String.join(" ", full) + " did not end within " + TIMEOUT_SECONDS + "s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("PostgreSQL: " + String.join(" ", full) + " failed (" + process.exitValue() + "):\n"
                    + Files.readString(output.toPath(), StandardCharsets.UTF_8) + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    private String log() throws IOException {
        Path log = directory.resolve("postgres.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private synchronized void stop() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(ImmutableList.of(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "immediate", "stop"), true);
            }
            deleteRecursively(directory);
        } catch (IOException | RuntimeException e) {
            System.err.println("PostgreSQL could not be stopped: " + e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(each);
            }
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs stop() again, which finds nothing left.
        }
    }

    Optional<Path> dataDirectory() {
        return Optional.of(data);
    }
}

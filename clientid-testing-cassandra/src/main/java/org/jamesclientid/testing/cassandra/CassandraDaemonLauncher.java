package org.jamesclientid.testing.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;

/**
 * Starts {@code org.apache.cassandra.service.CassandraDaemon} 5.0 (through {@link JamesCompatibleCassandraDaemon}) in a
 * forked Java 17 JVM, on free loopback ports
 * and a fresh directory under target/, and waits until it answers CQL.
 * <p>
 * Settings, as system properties of the test JVM: {@value #DIRECTORY_PROPERTY} (default {@code <basedir>/target/cassandra}),
 * {@value #START_TIMEOUT_PROPERTY} in seconds (default 120), {@value #LOG_LEVEL_PROPERTY} (default WARN),
 * {@value #JVM_OPTIONS_PROPERTY} and {@value Java17Locator#JAVA_PROPERTY}.
 */
public final class CassandraDaemonLauncher {
    public static final String DIRECTORY_PROPERTY = "clientid.cassandra.directory";
    public static final String START_TIMEOUT_PROPERTY = "clientid.cassandra.startTimeoutSeconds";
    public static final String LOG_LEVEL_PROPERTY = "clientid.cassandra.logLevel";
    /**
     * Appended to the forked JVM's options (space separated), so they win: e.g. {@code -XX:TieredStopAtLevel=4}
     * to benchmark with the C2 compiler.
     */
    public static final String JVM_OPTIONS_PROPERTY = "clientid.cassandra.jvmOptions";
    static final String HEAP = "512M";
    /**
     * Each node of a ring: three nodes of 512 MB would hold 3 GB on a machine shared by several builds, and a test
     * ring stores little (see {@link #launchRing(int)}).
     */
    static final String RING_NODE_HEAP = "256M";
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_LINES_IN_ERRORS = 40;
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraDaemonLauncher.class);

    /**
     * The JPMS and Netty lines of Cassandra 5.0's conf/jvm17-server.options, which is not inside cassandra-all's jar.
     * Its G1 tuning lines are left out: they are meant for production heaps, not for 512 MB.
     */
    static final List<String> JVM17_SERVER_OPTIONS = List.of(
        "-XX:+UseG1GC",
        "-Djdk.attach.allowAttachSelf=true",
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
        "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
        "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
        "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
        "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
        "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.io=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/java.util=ALL-UNNAMED",
        "-Dio.netty.tryReflectionSetAccessible=true",
        "-Dio.netty.allocator.useCacheForAllThreads=true",
        "-Dio.netty.allocator.maxOrder=11");

    /**
     * Unsafe anywhere but in tests: no fsync of system tables nor of the commit log, no wait for gossip to settle
     * (a test ring is on one machine: gossip reaches every node within a second).
     */
    static final List<String> TEST_SPEEDUPS = List.of(
        "-Dcassandra.unsafesystem=true",
        "-Dcassandra.skip_sync=true",
        "-Dcassandra.skip_wait_for_gossip_to_settle=0");

    /**
     * A clean stop (restart()) of a ring of one: no peer to tell, no peer's messages to wait for (2 s each). A node of
     * a ring announces its shutdown, so that the others stop sending it requests at once, as in production.
     */
    static final List<String> SINGLE_NODE_SPEEDUPS = List.of(
        "-Dcassandra.shutdown_announce_in_ms=0",
        "-Dcassandra.test.messagingService.nonGracefulShutdown=true");

    public static CassandraDaemonLauncher fromSystemProperties() {
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        Path directory = Paths.get(System.getProperty(DIRECTORY_PROPERTY, Paths.get(basedir, "target", "cassandra").toString()));
        Duration startTimeout = Duration.ofSeconds(Long.getLong(START_TIMEOUT_PROPERTY, DEFAULT_START_TIMEOUT.toSeconds()));
        String logLevel = System.getProperty(LOG_LEVEL_PROPERTY, "WARN");
        List<String> extraJvmOptions = Arrays.stream(System.getProperty(JVM_OPTIONS_PROPERTY, "").trim().split("\\s+"))
            .filter(option -> !option.isEmpty())
            .collect(Collectors.toUnmodifiableList());
        return new CassandraDaemonLauncher(Java17Locator.locate(), CassandraServerClasspath.fromResource(), directory, startTimeout,
            logLevel, extraJvmOptions);
    }

    private final Path java;
    private final CassandraServerClasspath classpath;
    private final Path baseDirectory;
    private final Duration startTimeout;
    private final String logLevel;
    private final List<String> extraJvmOptions;
    private final String heap;

    CassandraDaemonLauncher(Path java, CassandraServerClasspath classpath, Path baseDirectory, Duration startTimeout, String logLevel,
                            List<String> extraJvmOptions) {
        this(java, classpath, baseDirectory, startTimeout, logLevel, extraJvmOptions, HEAP);
    }

    private CassandraDaemonLauncher(Path java, CassandraServerClasspath classpath, Path baseDirectory, Duration startTimeout, String logLevel,
                                    List<String> extraJvmOptions, String heap) {
        this.java = Objects.requireNonNull(java);
        this.classpath = Objects.requireNonNull(classpath);
        this.baseDirectory = Objects.requireNonNull(baseDirectory);
        this.startTimeout = Objects.requireNonNull(startTimeout);
        this.logLevel = Objects.requireNonNull(logLevel);
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
        this.heap = Objects.requireNonNull(heap);
    }

    /**
     * The same launcher with other JVM options appended (instead of those of {@value #JVM_OPTIONS_PROPERTY}).
     */
    public CassandraDaemonLauncher withExtraJvmOptions(List<String> options) {
        return new CassandraDaemonLauncher(java, classpath, baseDirectory, startTimeout, logLevel, options, heap);
    }

    /**
     * The same launcher with another maximum heap for the nodes it starts, e.g. {@code 256M}.
     */
    public CassandraDaemonLauncher withHeap(String heap) {
        return new CassandraDaemonLauncher(java, classpath, baseDirectory, startTimeout, logLevel, extraJvmOptions, heap);
    }

    /**
     * A new Cassandra in a new directory: returns once it answers CQL. The caller stops it; a shutdown hook and
     * {@link ParentWatchdog} stop it anyway when the test JVM goes.
     */
    public ForkedCassandra launch() {
        ForkedCassandraDirectory directory = ForkedCassandraDirectory.create(newRunDirectory(""));
        CassandraPorts ports = CassandraPorts.pickFree();
        CassandraNode node = CassandraNode.single();
        directory.writeConfiguration(ports, node, logLevel);
        ForkedCassandra cassandra = new ForkedCassandra(this, directory, ports, node);
        cassandra.start();
        return cassandra;
    }

    /**
     * A ring of {@code nodes} Cassandra nodes on 127.0.0.1, 127.0.0.2..., each in a directory and a JVM of its own, with
     * the same free ports on each address and evenly spread tokens; returns once every node answers CQL and sees the
     * others up. The nodes start one after the other, the seed (127.0.0.1) first: nodes joining a ring at the same
     * time can pick the same view of it. The caller closes the ring.
     */
    public ForkedCassandraRing launchRing(int nodes) {
        List<CassandraNode> ringNodes = new ArrayList<>();
        for (int index = 1; index <= nodes; index++) {
            ringNodes.add(CassandraNode.ofRing(index, nodes));
        }
        CassandraPorts ports = CassandraPorts.pickFree(ringNodes.stream().map(CassandraNode::address).collect(Collectors.toList()));
        List<ForkedCassandra> started = new ArrayList<>();
        try {
            for (CassandraNode node : ringNodes) {
                ForkedCassandraDirectory directory = ForkedCassandraDirectory.create(newRunDirectory("node" + node.index() + "-"));
                directory.writeConfiguration(ports, node, logLevel);
                ForkedCassandra cassandra = new ForkedCassandra(this, directory, ports, node);
                cassandra.start();
                started.add(cassandra);
            }
            ForkedCassandraRing ring = new ForkedCassandraRing(started);
            ring.awaitAllUp(startTimeout);
            return ring;
        } catch (RuntimeException e) {
            started.forEach(ForkedCassandra::stop);
            throw e;
        }
    }

    private Path newRunDirectory(String prefix) {
        try {
            Files.createDirectories(baseDirectory);
            return Files.createTempDirectory(baseDirectory, prefix + "pid" + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for Cassandra under " + baseDirectory, e);
        }
    }

    /**
     * Starts the JVM, with its console appended to the directory's console log.
     */
    Process startProcess(ForkedCassandraDirectory directory, CassandraNode node) {
        try {
            return new ProcessBuilder(command(directory, node))
                .directory(directory.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.consoleLog().toFile()))
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + java, e);
        }
    }

    List<String> command(ForkedCassandraDirectory directory, CassandraNode node) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx" + heap);
        // Cassandra's own default (jvm-server.options): its many threads need no bigger stacks.
        command.add("-Xss256k");
        // C1 only: CQL ready in ~60% of the time on 2 cores (7 s instead of 13 s unloaded); tests do not run long
        // enough for C2's faster code to pay back.
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(JVM17_SERVER_OPTIONS);
        command.add("-Dcassandra.config=" + directory.yaml().toUri());
        command.add("-Dcassandra.storagedir=" + directory.root());
        command.add("-Dcassandra.logdir=" + directory.logs());
        command.add("-Dcassandra-foreground=yes");
        command.add("-Dlogback.configurationFile=" + directory.logbackConfiguration());
        command.addAll(TEST_SPEEDUPS);
        if (node.equals(CassandraNode.single())) {
            command.addAll(SINGLE_NODE_SPEEDUPS);
        }
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(classpath.withParentWatchdog());
        command.add(ParentWatchdog.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(JamesCompatibleCassandraDaemon.class.getName());
        return command;
    }

    /**
     * Waits for a real query to succeed: the native port opens last in Cassandra's start-up, but a query is the
     * only proof. Fails early when the JVM dies, and with the tail of the logs either way.
     */
    void awaitCql(Process process, ForkedCassandraDirectory directory, InetSocketAddress address) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!answersCql(address)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Cassandra (pid " + process.pid() + ") exited with code " + process.exitValue()
                    + " before answering CQL on " + address + ". Files in " + directory + "\n" + directory.tailOfLogs(LOG_LINES_IN_ERRORS));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Cassandra (pid " + process.pid() + ") did not answer CQL on " + address + " within "
                    + startTimeout.toSeconds() + " s (-D" + START_TIMEOUT_PROPERTY + "); killed it. Files in " + directory + "\n"
                    + directory.tailOfLogs(LOG_LINES_IN_ERRORS));
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static boolean answersCql(InetSocketAddress address) {
        if (!isListening(address)) {
            return false;
        }
        try (CqlSession session = TestCqlSessions.adminBuilder(address).build()) {
            // dateof(): ready for James 3.8.1 too (see JamesCompatibleCassandraDaemon).
            String version = session.execute("SELECT release_version, dateof(now()) FROM system.local").one().getString("release_version");
            LOGGER.debug("Cassandra {} answers CQL on {}", version, address);
            return true;
        } catch (DriverException e) {
            LOGGER.debug("Cassandra on {} does not answer CQL yet", address, e);
            return false;
        }
    }

    private static boolean isListening(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) POLL_INTERVAL.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Cassandra", e);
        }
    }
}

package org.jamesclientid.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.jamesclientid.it.StockJamesServer;
import org.jamesclientid.jdbc.JdbcConnectionSettings;
import org.jamesclientid.jdbc.PostgresServer;
import org.jamesclientid.testing.cassandra.CassandraDaemonLauncher;
import org.jamesclientid.testing.cassandra.CassandraRingExtension;
import org.jamesclientid.testing.cassandra.ForkedCassandra;
import org.jamesclientid.testing.cassandra.ForkedCassandraRing;
import org.jamesclientid.testing.cassandra.TestCassandra;
import org.jamesclientid.testing.cassandra.TestCqlSessions;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;

/**
 * The benchmark of {@code ./run-bench} (never run by the build): server CPU per full submission session and
 * sessions per second, for stock James 3.8.1, James with the CLIENTID drop-in jar (memory store), and James with the
 * Cassandra store (+ the Cassandra process), and James with the JDBC store on embedded Derby and on PostgreSQL (+ the
 * PostgreSQL processes), each in a JVM of its own; then the AUTH decision latency of the Cassandra store with 1k and
 * 1M known devices, and of the JDBC stores with 1k and 100k. Prints one {@code BENCH key=value ...} line per figure.
 *
 * <p>System properties (defaults in brackets): bench.rounds [5], bench.sessions.c1 [500], bench.sessions.c4 [800],
 * bench.warmup [1000], bench.warmup.jitShare [0.02], bench.warmup.limit [300s], bench.accounts [20], bench.latency [true], bench.ring [true] (the latency figures again
 * on three nodes at QUORUM, "ring_" lines), bench.ring.heap [1g, each node], bench.latency.devices [1000000],
 * bench.latency.accounts [100000], bench.latency.samples [1000], bench.latency.populateLimit [900s],
 * bench.dir [target/bench], bench.cassandra [true] (false: no Cassandra variant, latency nor ring), bench.jdbc [true]
 * (false: no jdbc_derby and jdbc_postgres variants nor their latency), bench.jdbc.latency.devices [100000],
 * bench.jdbc.latency.accounts [10000], bench.postgres.fsync [true], bench.saturation [true] (after the latency lines of
 * the large store, the single node's and the ring's: decisions/s with several in flight, "saturation" lines),
 * bench.saturation.inFlight [4,16,64], bench.saturation.warmup [5 s per step], bench.saturation.step [20 s]. Needs
 * clientid.conf.source, clientid.dropin.jar, clientid.stock.james.classpath.</p>
 */
public final class SubmissionBenchmark {
    // The same for every server JVM: the default JIT (the tests' C1-only flag would understate steady-state speed).
    private static final List<String> SERVER_JVM_OPTIONS = ImmutableList.of("-Xms512m", "-Xmx512m", "-XX:+UseSerialGC");
    private static final int[] CONCURRENCIES = {1, 4};
    private static final int IDLE_SECONDS = 10;
    private static final int WARMUP_CHUNK_SESSIONS = 500;
    private static final String STOCK_NOOP = "stock_noop";
    private static final String KEYSPACE = "bench_james";
    private static final String JDBC_PREFIX = "jdbc_";
    private static final BenchChart CHART = new BenchChart();

    private SubmissionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 5);
        int warmup = Integer.getInteger("bench.warmup", 1000);
        int accountCount = Integer.getInteger("bench.accounts", 20);
        Path directory = Paths.get(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        Path dropInJar = Paths.get(required("clientid.dropin.jar"));
        List<Path> stockClasspath = StockJamesServer.readClasspathFile(Paths.get(required("clientid.stock.james.classpath")));
        required("clientid.conf.source");

        line("machine", "cores=" + Runtime.getRuntime().availableProcessors(), "java=" + System.getProperty("java.version"),
            "date=" + Instant.now(), "loadavg=" + loadAverage());
        boolean withCassandra = Boolean.parseBoolean(System.getProperty("bench.cassandra", "true"));
        Optional<TestCassandra> cassandra = withCassandra ? Optional.of(startCassandra(KEYSPACE)) : Optional.empty();
        Optional<PostgresServer> postgres = Optional.empty();
        List<BenchJdbcDatabase> jdbcDatabases = ImmutableList.of();
        if (Boolean.parseBoolean(System.getProperty("bench.jdbc", "true"))) {
            // Durable as a production server is (the tests' PostgreSQL runs with fsync off).
            List<String> settings = ImmutableList.of("fsync=" + (Boolean.parseBoolean(System.getProperty("bench.postgres.fsync", "true")) ? "on" : "off"));
            postgres = Optional.of(PostgresServer.start(settings));
            line("postgres", "settings=" + String.join(",", settings), "postmaster_pid=" + postgres.get().postmasterPid());
            jdbcDatabases = ImmutableList.of(BenchJdbcDatabase.derby(directory.resolve("derby-databases")), BenchJdbcDatabase.postgres(postgres.get()));
        }

        ProcessCpu cpu = new ProcessCpu();
        if (Boolean.parseBoolean(System.getProperty("bench.sessions", "true"))) {
            sessions(cassandra, jdbcDatabases, cpu, directory, dropInJar, stockClasspath, rounds, warmup, accountCount);
        }

        line("memory_decision", "cpu_us_per_decision=" + format(MemoryDecisionCpuBenchmark.cpuMicrosPerDecision(cpu)),
            "note=the_engine_alone_on_the_memory_store_back_to_back");
        boolean latency = Boolean.parseBoolean(System.getProperty("bench.latency", "true"));
        if (latency && cassandra.isPresent()) {
            latency(new AuthDecisionLatencyBenchmark(cassandra.get(), cassandraPid(cassandra.get()), cpu), "");
        }
        // The single node is no longer needed: stopped before the JDBC latency (its background work would weigh on it),
        // and one Cassandra at a time on this machine for the ring.
        cassandra.ifPresent(node -> ((ForkedCassandra) node).stop());
        if (latency) {
            for (BenchJdbcDatabase database : jdbcDatabases) {
                jdbcLatency(new JdbcAuthDecisionLatencyBenchmark(database, cpu), database.name());
            }
        }
        postgres.ifPresent(PostgresServer::close);
        if (withCassandra && Boolean.parseBoolean(System.getProperty("bench.ring", "true"))) {
            try {
                ringLatency(cpu);
            } catch (RuntimeException e) {
                // The figures so far and the chart are still worth having.
                line("ring_failed", "error=" + e.getClass().getSimpleName(), "message=" + String.valueOf(e.getMessage()).replaceAll("\\s+", "_"));
            }
        }
        Path chart = directory.resolve("chart.svg");
        CHART.write(chart, "cores=" + Runtime.getRuntime().availableProcessors() + ", " + cpuModel() + ", java " + System.getProperty("java.version")
            + ", " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", load average at the end " + loadAverage());
        line("chart", "file=" + chart);
        line("done", "loadavg=" + loadAverage());
        System.exit(0);
    }

    /**
     * The forked Cassandra, with a fresh {@code keyspace} for the cassandra variant's James.
     */
    private static TestCassandra startCassandra(String keyspace) throws IOException {
        // Cassandra as deployed: the default JIT (the test launcher stops it at C1 for a faster start) and the heap its
        // own cassandra-env.sh would give it here (the launcher's 512 MB makes a young collection every few seconds).
        if (System.getProperty(CassandraDaemonLauncher.JVM_OPTIONS_PROPERTY) == null) {
            long heapMegabytes = cassandraDefaultHeapMegabytes();
            System.setProperty(CassandraDaemonLauncher.JVM_OPTIONS_PROPERTY,
                "-XX:TieredStopAtLevel=4 -Xms" + heapMegabytes + "m -Xmx" + heapMegabytes + "m");
        }
        line("cassandra_jvm_options=" + System.getProperty(CassandraDaemonLauncher.JVM_OPTIONS_PROPERTY).replace(" ", ","));
        TestCassandra cassandra = TestCassandra.shared();
        Preconditions.checkState(cassandra instanceof ForkedCassandra, "the benchmark reads the forked Cassandra's CPU from /proc");
        try (CqlSession admin = TestCqlSessions.adminBuilder(cassandra.contactPoint()).build()) {
            admin.execute("DROP KEYSPACE IF EXISTS " + keyspace);
            admin.execute("CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        }
        return cassandra;
    }

    private static long cassandraPid(TestCassandra cassandra) {
        return ((ForkedCassandra) cassandra).pid();
    }

    private static void sessions(Optional<TestCassandra> cassandra, List<BenchJdbcDatabase> jdbcDatabases, ProcessCpu cpu, Path directory,
                                 Path dropInJar, List<Path> stockClasspath, int rounds, int warmup, int accountCount) throws Exception {
        List<BenchAccount> accounts = BenchAccount.accounts(accountCount);
        SubmissionLoadClient client = new SubmissionLoadClient();
        Map<String, List<Measure>> measures = new LinkedHashMap<>();
        Map<String, Double> idleCpuPerSecond = new LinkedHashMap<>();

        List<BenchServer> servers = new ArrayList<>();
        Optional<CqlSession> requestCounter = cassandra.map(node -> TestCqlSessions.adminBuilder(node.contactPoint()).build());
        try {
            servers.add(BenchServer.stockMain("stock", StockJamesServer.start(directory.resolve("stock"), Optional.empty(), stockClasspath,
                BenchConf.stock(), serverJvmOptions(directory, "stock")), SubmissionLoadClient.ExtraCommand.NONE));
            servers.add(BenchServer.stockMain("memory", StockJamesServer.start(directory.resolve("memory"), Optional.of(dropInJar), stockClasspath,
                BenchConf.withClientId(), serverJvmOptions(directory, "memory")), SubmissionLoadClient.ExtraCommand.CLIENTID));
            if (cassandra.isPresent()) {
                servers.add(BenchServer.stockMain("cassandra", StockJamesServer.start(directory.resolve("cassandra"),
                    ImmutableList.of(dropInJar, cqlSessionModuleJar(directory)), stockClasspath, BenchConf.withClientIdOnCassandra(),
                    ImmutableList.<String>builder()
                        .addAll(serverJvmOptions(directory, "cassandra"))
                        .add("-D" + BenchCqlSessionModule.HOST_PROPERTY + "=" + cassandra.get().host())
                        .add("-D" + BenchCqlSessionModule.PORT_PROPERTY + "=" + cassandra.get().cqlPort())
                        .add("-D" + BenchCqlSessionModule.KEYSPACE_PROPERTY + "=" + KEYSPACE)
                        .build()), SubmissionLoadClient.ExtraCommand.CLIENTID, ImmutableList.of(cassandraPid(cassandra.get()))));
            }
            for (BenchJdbcDatabase database : jdbcDatabases) {
                servers.add(jdbcServer(database, directory, dropInJar, stockClasspath));
            }
            for (BenchServer server : servers) {
                server.createAccounts(accounts);
                warmUp(server, client, cpu, accounts, warmup);
            }
            // Stock James again, with a NOOP where the others send CLIENTID: the share of the session that one more
            // command costs James itself, which any implementation of the draft pays.
            List<BenchServer> measured = ImmutableList.<BenchServer>builder()
                .add(servers.get(0), servers.get(0).sameServer(STOCK_NOOP, SubmissionLoadClient.ExtraCommand.NOOP))
                .addAll(servers.subList(1, servers.size()))
                .build();
            // Cassandra works in the background even without requests (compaction, flushes, timers): its idle CPU
            // counts in the raw figure of the cassandra variant; this rate lets the reader tell the two apart. The same
            // for PostgreSQL's processes (checkpointer, WAL writer, autovacuum) in the jdbc_postgres variant.
            Map<String, LongSupplier> databaseCpu = new LinkedHashMap<>();
            cassandra.ifPresent(node -> databaseCpu.put("cassandra", () -> cpu.cpuNanos(cassandraPid(node))));
            for (BenchServer server : servers) {
                if (!server.processTrees().isEmpty()) {
                    databaseCpu.put(server.name, () -> server.processTrees().stream().mapToLong(cpu::treeCpuNanos).sum());
                }
            }
            if (!databaseCpu.isEmpty()) {
                long idleStart = System.nanoTime();
                Map<String, Long> before = new LinkedHashMap<>();
                databaseCpu.forEach((variant, cpuNanos) -> before.put(variant, cpuNanos.getAsLong()));
                Thread.sleep(Duration.ofSeconds(IDLE_SECONDS).toMillis());
                for (Map.Entry<String, LongSupplier> database : databaseCpu.entrySet()) {
                    idleCpuPerSecond.put(database.getKey(),
                        (database.getValue().getAsLong() - before.get(database.getKey())) * 1e9 / (System.nanoTime() - idleStart));
                }
            }
            if (idleCpuPerSecond.containsKey("cassandra")) {
                line("cassandra_idle_cpu_ms_per_s=" + format(idleCpuPerSecond.get("cassandra") / 1e6), "window_s=" + IDLE_SECONDS);
            }
            for (Map.Entry<String, Double> idle : idleCpuPerSecond.entrySet()) {
                if (!idle.getKey().equals("cassandra")) {
                    line("database_idle_cpu_ms_per_s=" + format(idle.getValue() / 1e6), "variant=" + idle.getKey(), "window_s=" + IDLE_SECONDS);
                }
            }

            for (int round = 0; round < rounds; round++) {
                // Alternate the order so no variant always runs first (or right after the same neighbour).
                List<BenchServer> order = round % 2 == 0 ? measured : Lists.reverse(measured);
                for (int concurrency : CONCURRENCIES) {
                    int sessions = sessionsPerRound(concurrency);
                    for (BenchServer server : order) {
                        long requestsBefore = requestCounter.map(SubmissionBenchmark::cqlRequests).orElse(0L);
                        Window window = Window.measure(cpu, server, client, sessions, concurrency, accounts);
                        SubmissionLoadClient.Run run = window.run;
                        double cqlRequestsPerSession = (double) (requestCounter.map(SubmissionBenchmark::cqlRequests).orElse(0L) - requestsBefore)
                            / run.sessions;
                        long idleNanos = (long) (idleCpuPerSecond.getOrDefault(server.name, 0.0) * run.wallNanos / 1e9);
                        Measure measure = new Measure(round, concurrency, run.sessions, window.cpuNanos(), window.jitNanos, idleNanos,
                            window.processTreeNanos(server), run.sessionsPerSecond());
                        measures.computeIfAbsent(server.name, any -> new ArrayList<>()).add(measure);
                        List<String> parts = new ArrayList<>(List.of("round", "round=" + round, "variant=" + server.name, "c=" + concurrency,
                            "sessions=" + run.sessions, "cpu_us_per_session=" + format(measure.cpuMicrosPerSession()),
                            "sessions_per_s=" + format(measure.sessionsPerSecond),
                            "james_cpu_us_per_session=" + format(window.cpuNanosByProcess[0] / 1e3 / run.sessions),
                            "jit_cpu_us_per_session=" + format(window.jitNanos / 1e3 / run.sessions)));
                        if (requestCounter.isPresent()) {
                            parts.add("cql_requests_per_session=" + format(cqlRequestsPerSession));
                        }
                        if (!server.processTrees().isEmpty()) {
                            parts.add("database_cpu_us_per_session=" + format(measure.processTreeNanos / 1e3 / run.sessions));
                        }
                        parts.add("loadavg=" + loadAverage());
                        line(parts.toArray(new String[0]));
                    }
                }
            }
            ExtensionCpuShare profile = profiledRounds(servers.get(1), directory, client, cpu, accounts, warmup, rounds);
            ExtensionCpuShare.Share cpuTime = profile.cpuTime();
            line("extension_cpu_share=" + format(cpuTime.share()), "variant=memory", "profiler=async_profiler_cpu_every_" + ExtensionCpuShare.CPU_INTERVAL,
                "samples=" + cpuTime.samples, "extension_samples=" + cpuTime.extensionSamples,
                "credential_check_samples_left_out=" + cpuTime.credentialCheckSamples, "target_max=0.03");
            ExtensionCpuShare.Share javaExecution = profile.javaExecution();
            line("extension_java_execution_share=" + format(javaExecution.share()), "variant=memory", "profiler=jfr_execution_samples",
                "samples=" + javaExecution.samples, "extension_samples=" + javaExecution.extensionSamples,
                "credential_check_samples_left_out=" + javaExecution.credentialCheckSamples, "truncated_stacks=" + javaExecution.truncatedStacks,
                "note=threads_caught_in_java_code_not_cpu");
        } finally {
            requestCounter.ifPresent(CqlSession::close);
            for (BenchServer server : servers) {
                server.close();
            }
        }
        report(measures, rounds);
    }

    /**
     * JIT, and every device known before measuring: the steady state of users signing in again. After
     * {@code bench.warmup} sessions, more sessions in chunks until the JIT compiler threads take at most
     * {@code bench.warmup.jitShare} of the chunk's CPU (all the variant's processes), or {@code bench.warmup.limit}
     * seconds have passed: a JVM still compiling charges its compilations to the sessions measured (in the first
     * round after 1,000 sessions, the compiler threads took 30-40 % of each server's CPU).
     */
    /**
     * The memory server's rounds again, profiled, after the measured ones: the profilers' agent slows the JVM it is
     * loaded in (run 17 of docs/benchmarks.md: the memory variant's CPU per session 0.26 over stock with a NOOP with
     * both profilers on during its rounds, against 0.11-0.13 in runs 14 and 16 with JFR alone), and their first start
     * throws compiled code away. So they are started and stopped once, the server is warmed up again until its
     * compilers settle, then {@code rounds} rounds of each concurrency are profiled; their CPU per session is a figure
     * of its own ({@code profiled_cpu_us_per_session_memory_c<n>}), never in the variants' measures.
     */
    private static ExtensionCpuShare profiledRounds(BenchServer memory, Path directory, SubmissionLoadClient client, ProcessCpu cpu,
                                                    List<BenchAccount> accounts, int warmup, int rounds) throws Exception {
        long pid = memory.pids().get(0);
        ExtensionCpuShare.start(pid, directory, "memory-warm-up").stop();
        warmUp(memory, client, cpu, accounts, warmup);
        ExtensionCpuShare profile = ExtensionCpuShare.start(pid, directory, "memory-rounds");
        Map<Integer, List<Double>> cpuMicrosPerSession = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int concurrency : CONCURRENCIES) {
                int sessions = sessionsPerRound(concurrency);
                Window window = Window.measure(cpu, memory, client, sessions, concurrency, accounts);
                cpuMicrosPerSession.computeIfAbsent(concurrency, any -> new ArrayList<>()).add(window.cpuNanos() / 1e3 / window.run.sessions);
            }
        }
        profile.stop();
        cpuMicrosPerSession.forEach((concurrency, micros) -> line(stats("profiled_cpu_us_per_session_memory_c" + concurrency,
            micros.stream().mapToDouble(Double::doubleValue).toArray()), "note=both_profilers_on_not_in_the_variants_figures"));
        return profile;
    }

    private static void warmUp(BenchServer server, SubmissionLoadClient client, ProcessCpu cpu, List<BenchAccount> accounts,
                               int warmup) throws Exception {
        double jitShareLimit = Double.parseDouble(System.getProperty("bench.warmup.jitShare", "0.02"));
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.getLong("bench.warmup.limit", 300)).toNanos();
        long start = System.nanoTime();
        check(server, client.run(server.submissionPort(), warmup, 4, accounts, server.extraCommand));
        int sessions = warmup;
        double jitShare;
        do {
            Window chunk = Window.measure(cpu, server, client, WARMUP_CHUNK_SESSIONS, 4, accounts);
            sessions += WARMUP_CHUNK_SESSIONS;
            jitShare = (double) chunk.jitNanos / chunk.cpuNanos();
        } while (jitShare > jitShareLimit && System.nanoTime() < deadline);
        line("warmed_up", "variant=" + server.name, "sessions=" + sessions, "jit_share_of_last_chunk=" + format(jitShare),
            "settled=" + (jitShare <= jitShareLimit), "seconds=" + format((System.nanoTime() - start) / 1e9), "loadavg=" + loadAverage());
    }

    /**
     * Stock James with the drop-in jar and {@code ClientIdJdbcModule}, on a fresh database named in a
     * {@code james-database.properties} of its conf, the driver's jar on its classpath as in the JPA server's
     * {@code lib/}: {@code jdbc_derby} (embedded, inside James' JVM) or {@code jdbc_postgres} (PostgreSQL's processes
     * counting for the variant).
     */
    private static BenchServer jdbcServer(BenchJdbcDatabase database, Path directory, Path dropInJar, List<Path> stockClasspath) throws Exception {
        String name = JDBC_PREFIX + database.name();
        JdbcConnectionSettings settings = database.freshDatabase(KEYSPACE);
        StockJamesServer james = StockJamesServer.start(directory.resolve(name), ImmutableList.of(dropInJar),
            ImmutableList.<Path>builder().addAll(stockClasspath).add(database.driverJar()).build(),
            BenchConf.withClientIdOnJdbc(database.driverClassName(), settings.getUrl(), database.username()), serverJvmOptions(directory, name));
        return database.processTreeRoot()
            .map(postmaster -> BenchServer.stockMainWithProcessTree(name, james, SubmissionLoadClient.ExtraCommand.CLIENTID, postmaster))
            .orElseGet(() -> BenchServer.stockMain(name, james, SubmissionLoadClient.ExtraCommand.CLIENTID));
    }

    /**
     * A jar holding {@link BenchCqlSessionModule} alone, for the Cassandra variant's {@code extensions-jars/}.
     */
    private static Path cqlSessionModuleJar(Path directory) throws IOException {
        String entry = BenchCqlSessionModule.class.getName().replace('.', '/') + ".class";
        Path jar = directory.resolve("bench-cql-session.jar");
        Files.createDirectories(directory);
        try (InputStream classFile = BenchCqlSessionModule.class.getClassLoader().getResourceAsStream(entry);
             JarOutputStream output = new JarOutputStream(Files.newOutputStream(jar))) {
            Preconditions.checkState(classFile != null, "%s not found on the classpath", entry);
            output.putNextEntry(new JarEntry(entry));
            classFile.transferTo(output);
            output.closeEntry();
        }
        return jar;
    }

    /**
     * With {@code -Dbench.profile=true}, each server JVM records a JFR profile to {@code <bench.dir>/<variant>.jfr}
     * (written when it stops): where the extension's own CPU goes. Profiling costs CPU: figures of such a run are
     * for reading the profile, not for quoting.
     */
    private static List<String> serverJvmOptions(Path directory, String variant) {
        if (!Boolean.getBoolean("bench.profile")) {
            return SERVER_JVM_OPTIONS;
        }
        return ImmutableList.<String>builder()
            .addAll(SERVER_JVM_OPTIONS)
            .add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + directory.resolve(variant + ".jfr"))
            .build();
    }

    private static void report(Map<String, List<Measure>> measures, int rounds) {
        for (Map.Entry<String, List<Measure>> variant : measures.entrySet()) {
            for (int concurrency : CONCURRENCIES) {
                List<Measure> atConcurrency = variant.getValue().stream().filter(m -> m.concurrency == concurrency).collect(ImmutableList.toImmutableList());
                line(stats("sessions_per_s_" + variant.getKey() + "_c" + concurrency, atConcurrency.stream().mapToDouble(m -> m.sessionsPerSecond).toArray()));
                line(stats("cpu_us_per_session_" + variant.getKey() + "_c" + concurrency, atConcurrency.stream().mapToDouble(Measure::cpuMicrosPerSession).toArray()));
            }
        }
        ToLongFunction<Measure> all = m -> m.cpuNanos;
        for (String variant : measures.keySet()) {
            CHART.addCpu(variant, IntStream.range(0, rounds).mapToDouble(round -> cpuPerSession(measures.get(variant), round, all) / 1e3).toArray());
        }
        ToLongFunction<Measure> withoutJit = m -> m.cpuNanos - m.jitNanos;
        List<String> stores = Stream.of("memory", "cassandra").filter(measures::containsKey).collect(ImmutableList.toImmutableList());
        for (String variant : stores) {
            line(stats("cpu_overhead_" + variant, overheads(measures, rounds, variant, all, "stock", all)));
        }
        // What the extension costs beyond the command the draft adds: the variant against stock sending a NOOP instead.
        line(stats("cpu_overhead_one_more_command", overheads(measures, rounds, STOCK_NOOP, all, "stock", all))
            + " note=stock_with_a_noop_against_stock");
        line(stats("cpu_overhead_memory_over_stock_noop", overheads(measures, rounds, "memory", all, STOCK_NOOP, all))
            + " note=the_extension_beyond_the_command_round_trip");
        for (String variant : stores) {
            // The same with every process's JIT compilations taken out of both sides: what a long-running server pays.
            line(stats("cpu_overhead_" + variant + "_without_jit", overheads(measures, rounds, variant, withoutJit, "stock", withoutJit))
                + " note=jit_compiler_threads_cpu_subtracted_on_both_sides");
        }
        if (measures.containsKey("cassandra")) {
            line(stats("cpu_overhead_cassandra_minus_idle",
                    overheads(measures, rounds, "cassandra", m -> m.cpuNanos - m.idleNanos, "stock", all))
                + " note=the_cassandra_idle_rate_times_each_window_subtracted");
        }
        jdbcReport(measures, rounds);
    }

    /**
     * The jdbc variants, after every line of the others: the same overheads against stock, and for PostgreSQL its
     * processes' share (the database_ lines) and the overhead without their idle work.
     */
    private static void jdbcReport(Map<String, List<Measure>> measures, int rounds) {
        List<String> jdbcVariants = measures.keySet().stream().filter(variant -> variant.startsWith(JDBC_PREFIX))
            .collect(ImmutableList.toImmutableList());
        ToLongFunction<Measure> all = m -> m.cpuNanos;
        ToLongFunction<Measure> withoutJit = m -> m.cpuNanos - m.jitNanos;
        for (String variant : jdbcVariants) {
            line(stats("cpu_overhead_" + variant, overheads(measures, rounds, variant, all, "stock", all)));
        }
        for (String variant : jdbcVariants) {
            line(stats("cpu_overhead_" + variant + "_without_jit", overheads(measures, rounds, variant, withoutJit, "stock", withoutJit))
                + " note=jit_compiler_threads_cpu_subtracted_on_both_sides");
        }
        for (String variant : jdbcVariants) {
            if (measures.get(variant).stream().anyMatch(m -> m.processTreeNanos > 0)) {
                for (int concurrency : CONCURRENCIES) {
                    line(stats("database_cpu_us_per_session_" + variant + "_c" + concurrency, measures.get(variant).stream()
                        .filter(m -> m.concurrency == concurrency)
                        .mapToDouble(m -> m.processTreeNanos / 1e3 / m.sessions)
                        .toArray()) + " note=the_database_server_processes_included_in_cpu_us_per_session");
                }
                line(stats("cpu_overhead_" + variant + "_minus_idle", overheads(measures, rounds, variant, m -> m.cpuNanos - m.idleNanos, "stock", all))
                    + " note=the_database_idle_rate_times_each_window_subtracted");
            }
        }
    }

    /**
     * Per round: {@code variant}'s CPU per session over both concurrencies (as {@code variantCpu} counts it), against
     * {@code baseline}'s in the same round (as {@code baselineCpu} counts it), minus 1.
     */
    private static double[] overheads(Map<String, List<Measure>> measures, int rounds, String variant, ToLongFunction<Measure> variantCpu,
                                      String baseline, ToLongFunction<Measure> baselineCpu) {
        double[] overheads = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            overheads[round] = cpuPerSession(measures.get(variant), round, variantCpu) / cpuPerSession(measures.get(baseline), round, baselineCpu) - 1;
        }
        return overheads;
    }

    private static double cpuPerSession(List<Measure> measures, int round, ToLongFunction<Measure> cpuNanos) {
        long cpu = measures.stream().filter(m -> m.round == round).mapToLong(cpuNanos).sum();
        long sessions = measures.stream().filter(m -> m.round == round).mapToLong(m -> m.sessions).sum();
        return (double) cpu / sessions;
    }

    /**
     * The same latency figures on three nodes, replication factor 3, every statement at QUORUM as in James' shipped
     * driver configuration (docs/cassandra.md, "Consistency"); Cassandra's CPU is the three nodes'.
     */
    private static void ringLatency(ProcessCpu cpu) {
        String heap = System.getProperty("bench.ring.heap", "1g");
        List<String> options = List.of("-XX:TieredStopAtLevel=4", "-Xms" + heap, "-Xmx" + heap);
        line("ring", "nodes=" + CassandraRingExtension.NODES, "replication_factor=" + CassandraRingExtension.REPLICATION_FACTOR,
            "consistency=QUORUM", "cassandra_jvm_options=" + String.join(",", options));
        try (ForkedCassandraRing ring = CassandraDaemonLauncher.fromSystemProperties()
                .withExtraJvmOptions(options)
                .launchRing(CassandraRingExtension.NODES)) {
            List<Long> pids = ring.nodes().stream().map(ForkedCassandra::pid).collect(ImmutableList.toImmutableList());
            latency(new AuthDecisionLatencyBenchmark(ring.contactPoints(), CassandraRingExtension.REPLICATION_FACTOR,
                Optional.of(DefaultConsistencyLevel.QUORUM), pids, cpu), "ring_");
        }
    }

    private static void latency(AuthDecisionLatencyBenchmark benchmark, String prefix) {
        int devices = Integer.getInteger("bench.latency.devices", 1_000_000);
        int accounts = Integer.getInteger("bench.latency.accounts", 100_000);
        int samples = Integer.getInteger("bench.latency.samples", 1000);
        Duration populateLimit = Duration.ofSeconds(Long.getLong("bench.latency.populateLimit", 900));
        Duration settleLimit = Duration.ofSeconds(Long.getLong("bench.latency.settleLimit", 600));

        // 1,000 devices with the same devices-per-account ratio as the big store.
        int smallDevices = 1000;
        int smallAccounts = Math.max(1, (int) ((long) smallDevices * accounts / devices));
        AuthDecisionLatencyBenchmark.Latency small = benchmark.measure("bench_" + prefix + "auth_1k", smallDevices, smallAccounts, samples, populateLimit, settleLimit, true);
        latencyLine(prefix, small, smallAccounts);
        AuthDecisionLatencyBenchmark.Latency large = benchmark.measure("bench_" + prefix + "auth_1m", devices, accounts, samples, populateLimit, settleLimit, false);
        latencyLine(prefix, large, accounts);
        if (large.devicesStored < devices) {
            line(prefix + "latency_partial", "devices_wanted=" + devices, "devices_stored=" + large.devicesStored,
                "reason=populating_took_longer_than_" + populateLimit.toSeconds() + "s");
        }
        line(prefix + "p99_flatness=" + format(large.p99Ms / small.p99Ms), "devices_large=" + large.devicesStored,
            "devices_small=" + small.devicesStored);
        double p50Flatness = large.p50Ms / small.p50Ms;
        double bareReadP50Flatness = large.bareReadP50Ms / small.bareReadP50Ms;
        line(prefix + "p50_flatness=" + format(p50Flatness), "bare_read_p50_flatness=" + format(bareReadP50Flatness),
            "devices_large=" + large.devicesStored, "devices_small=" + small.devicesStored);
        // What the extension adds to Cassandra's own growth with the data.
        line(prefix + "p50_flatness_over_bare_read=" + format(p50Flatness / bareReadP50Flatness), "target_max=1.1");
        for (AuthDecisionLatencyBenchmark.Latency latency : List.of(small, large)) {
            ratioLines(prefix, latency);
        }
        if (Boolean.parseBoolean(System.getProperty("bench.saturation", "true"))) {
            saturation(benchmark, prefix, "bench_" + prefix + "auth_1m", large.devicesStored, accounts);
        }
    }

    /**
     * The saturation pass on the large store ({@code bench.saturation.*}): a {@code saturation} line per step as it
     * ends, then the per-core ceiling the sizing of docs/cassandra.md uses.
     */
    private static void saturation(AuthDecisionLatencyBenchmark benchmark, String prefix, String keyspace, int stored, int accounts) {
        List<Integer> inFlights = Arrays.stream(System.getProperty("bench.saturation.inFlight", "4,16,64").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .collect(ImmutableList.toImmutableList());
        Duration warmUp = Duration.ofSeconds(Long.getLong("bench.saturation.warmup", 5));
        Duration step = Duration.ofSeconds(Long.getLong("bench.saturation.step", 20));
        List<AuthDecisionLatencyBenchmark.SaturationStep> steps = benchmark.saturate(keyspace, stored, accounts, inFlights, warmUp, step,
            measured -> saturationLine(prefix, measured, accounts, step));
        AuthDecisionLatencyBenchmark.SaturationStep busiest = steps.stream()
            .max(Comparator.comparingDouble(AuthDecisionLatencyBenchmark.SaturationStep::decisionsPerSecond))
            .orElseThrow(() -> new IllegalStateException("no saturation step: bench.saturation.inFlight is empty"));
        // On this machine the benchmark's JVM (engine + driver) and Cassandra share the cores: the decisions/s measured
        // are the pair's. What one Cassandra node alone sustains is derived from its CPU per decision at the busiest step.
        line(prefix + "cassandra_decisions_per_s_per_core=" + format(1e6 / busiest.cassandraCpuMicrosPerDecision()),
            "devices=" + busiest.devicesStored, "in_flight=" + busiest.inFlight, "decisions_per_s=" + format(busiest.decisionsPerSecond()),
            "cassandra_cpu_us_per_decision=" + format(busiest.cassandraCpuMicrosPerDecision()),
            "cassandra_cores=" + format(busiest.cassandraCores()), "errors=" + busiest.errors,
            "note=client_and_cassandra_share_the_cores_here_so_the_node_ceiling_is_1e6/cassandra_cpu_us_per_decision_at_the_busiest_step"
                + (prefix.isEmpty() ? "" : "_with_the_cpu_of_every_node_of_the_ring"));
    }

    private static void saturationLine(String prefix, AuthDecisionLatencyBenchmark.SaturationStep step, int accounts, Duration length) {
        line(prefix + "saturation", "devices=" + step.devicesStored, "accounts=" + Math.min(accounts, step.devicesStored),
            "in_flight=" + step.inFlight, "decisions_per_s=" + format(step.decisionsPerSecond()), "p50_ms=" + format(step.p50Ms),
            "p99_ms=" + format(step.p99Ms), "cassandra_cpu_us_per_decision=" + format(step.cassandraCpuMicrosPerDecision()),
            "cassandra_cores=" + format(step.cassandraCores()), "client_cpu_us_per_decision=" + format(step.clientCpuMicrosPerDecision()),
            "client_cores=" + format(step.clientCores()), "errors=" + step.errors, "decisions=" + step.decisions,
            "first_share=" + format(step.firstShare), "step_s=" + length.toSeconds(), "loadavg=" + loadAverage());
    }

    /**
     * The latency targets as ratios to what the same driver and Cassandra give without the extension, in the same run.
     */
    private static void ratioLines(String prefix, AuthDecisionLatencyBenchmark.Latency latency) {
        String devices = "devices=" + latency.devicesStored;
        // From the paired pass, both sides timed one after the other; the separate passes' ratio stays as a figure.
        AuthDecisionLatencyBenchmark.Paired paired = latency.paired;
        line(prefix + "first_decision_p99_over_bare_read_p99=" + format(paired.firstP99Ms / paired.bareReadP99Ms), devices,
            "first_decision_p99_ms=" + format(paired.firstP99Ms), "bare_read_p99_ms=" + format(paired.bareReadP99Ms),
            "samples=" + paired.samples(), "ci95=" + interval(paired.firstOverBareReadInterval()), "pass=paired", "separate_passes=" + format(latency.p99Ms / latency.bareReadP99Ms),
            "target_max=2.5");
        // "The same reads sent without the engine": since the store split these are the reads the engine sent for each
        // decision again (device, activity, policy, block, uses, throttles), no longer the device row and block pair.
        line(prefix + "again_p99_over_bare_pair_p99=" + format(paired.againP99Ms / paired.sameReadsP99Ms), devices,
            "again_p99_ms=" + format(paired.againP99Ms), "bare_same_reads_p99_ms=" + format(paired.sameReadsP99Ms),
            "ci95=" + interval(paired.againOverSameReadsInterval()),
            "reads_per_decision=" + format(latency.sameReadsPerDecision), "pass=paired",
            "separate_passes=" + format(latency.againP99Ms / latency.sameReadsP99Ms),
            "separate_bare_same_reads_p50_ms=" + format(latency.sameReadsP50Ms), "separate_bare_same_reads_p99_ms=" + format(latency.sameReadsP99Ms),
            "target_max=1.3");
        line(prefix + "again_p99_over_device_and_block_p99=" + format(latency.againP99Ms / latency.barePairP99Ms), devices,
            "note=against_the_two_reads_of_before_the_store_split");
        roundTripsLine(prefix + "cql_round_trips_first=", devices, latency.roundTripsFirst, 2);
        roundTripsLine(prefix + "cql_round_trips_again=", devices, latency.roundTripsAgain, 1);
    }

    private static String interval(double[] lowAndHigh) {
        return format(lowAndHigh[0]) + "-" + format(lowAndHigh[1]);
    }

    /**
     * The round trips the reply waited for, and all of them with the writes sent after the reply (activity, use).
     */
    private static void roundTripsLine(String key, String devices, AuthDecisionLatencyBenchmark.RoundTrips roundTrips, int target) {
        line(key + roundTrips.max, devices, "mean=" + format(roundTrips.mean),
            "with_writes_after_reply_max=" + roundTrips.withWritesAfterReplyMax,
            "with_writes_after_reply_mean=" + format(roundTrips.withWritesAfterReplyMean),
            "requests_mean=" + format(roundTrips.requestsMean),
            "sent_together_spread_max_ms=" + format(roundTrips.sentTogetherSpreadMaxMs), "hold_ms=" + RoundTripCounter.HOLD.toMillis(),
            "target_max=" + target);
    }

    /**
     * The latency figures of the JDBC store on {@code store} (derby, postgres): {@code jdbc_} lines, {@code store=}
     * after the key, 1,000 devices and {@code bench.jdbc.latency.devices} over {@code bench.jdbc.latency.accounts}.
     * No targets: issue 18's are the Cassandra store's.
     */
    private static void jdbcLatency(JdbcAuthDecisionLatencyBenchmark benchmark, String store) throws Exception {
        int devices = Integer.getInteger("bench.jdbc.latency.devices", 100_000);
        int accounts = Integer.getInteger("bench.jdbc.latency.accounts", 10_000);
        int samples = Integer.getInteger("bench.latency.samples", 1000);
        Duration populateLimit = Duration.ofSeconds(Long.getLong("bench.latency.populateLimit", 900));
        String prefix = JDBC_PREFIX;
        String storeName = "store=" + store;

        int smallDevices = 1000;
        int smallAccounts = Math.max(1, (int) ((long) smallDevices * accounts / devices));
        AuthDecisionLatencyBenchmark.Latency small = benchmark.measure("bench_auth_1k", smallDevices, smallAccounts, samples, populateLimit, true);
        jdbcLatencyLine(store, small, smallAccounts);
        AuthDecisionLatencyBenchmark.Latency large = benchmark.measure("bench_auth_large", devices, accounts, samples, populateLimit, false);
        jdbcLatencyLine(store, large, accounts);
        if (large.devicesStored < devices) {
            line(prefix + "latency_partial", storeName, "devices_wanted=" + devices, "devices_stored=" + large.devicesStored,
                "reason=populating_took_longer_than_" + populateLimit.toSeconds() + "s");
        }
        line(prefix + "p99_flatness=" + format(large.p99Ms / small.p99Ms), storeName, "devices_large=" + large.devicesStored,
            "devices_small=" + small.devicesStored);
        double p50Flatness = large.p50Ms / small.p50Ms;
        double bareReadP50Flatness = large.bareReadP50Ms / small.bareReadP50Ms;
        line(prefix + "p50_flatness=" + format(p50Flatness), storeName, "bare_read_p50_flatness=" + format(bareReadP50Flatness),
            "devices_large=" + large.devicesStored, "devices_small=" + small.devicesStored);
        line(prefix + "p50_flatness_over_bare_read=" + format(p50Flatness / bareReadP50Flatness), storeName);
        for (AuthDecisionLatencyBenchmark.Latency latency : List.of(small, large)) {
            String devicesStored = "devices=" + latency.devicesStored;
            line(prefix + "first_decision_p99_over_bare_read_p99=" + format(latency.p99Ms / latency.bareReadP99Ms), storeName, devicesStored);
            line(prefix + "again_p99_over_bare_pair_p99=" + format(latency.againP99Ms / latency.barePairP99Ms), storeName, devicesStored);
            line(prefix + "sql_round_trips_first=" + latency.roundTripsFirst.max, storeName, devicesStored,
                "mean=" + format(latency.roundTripsFirst.mean), "with_writes_after_reply_mean=" + format(latency.roundTripsFirst.withWritesAfterReplyMean),
                "requests_mean=" + format(latency.roundTripsFirst.requestsMean));
            line(prefix + "sql_round_trips_again=" + latency.roundTripsAgain.max, storeName, devicesStored,
                "mean=" + format(latency.roundTripsAgain.mean), "with_writes_after_reply_mean=" + format(latency.roundTripsAgain.withWritesAfterReplyMean),
                "requests_mean=" + format(latency.roundTripsAgain.requestsMean));
        }
    }

    /**
     * As {@link #latencyLine}; on PostgreSQL, its processes' CPU per decision ({@code postgres_cpu_us_per_decision});
     * on Derby, the engine runs in this JVM: its CPU is in {@code client_cpu_us_per_decision}.
     */
    private static void jdbcLatencyLine(String store, AuthDecisionLatencyBenchmark.Latency latency, int accounts) {
        String size = JDBC_PREFIX + store + " " + latency.devicesStored + " devices";
        CHART.addCdf(size + ", first decision", latency.firstNanos);
        CHART.addCdf(size + ", again", latency.againNanos);
        CHART.addCdf(size + ", bare read", latency.bareReadNanos);
        boolean server = !Double.isNaN(latency.cassandraCpuMicrosPerDecision);
        String spaced = "spaced_" + AuthDecisionLatencyBenchmark.SPACING_MILLISECONDS + "ms_";
        List<String> parts = new ArrayList<>(List.of(JDBC_PREFIX + "auth_decision", "store=" + store, "devices=" + latency.devicesStored,
            "accounts=" + Math.min(accounts, latency.devicesStored), "samples=" + latency.samples, "p50_ms=" + format(latency.p50Ms),
            "p99_ms=" + format(latency.p99Ms), "max_ms=" + format(latency.maxMs), "again_p50_ms=" + format(latency.againP50Ms),
            "again_p99_ms=" + format(latency.againP99Ms), "bare_read_p50_ms=" + format(latency.bareReadP50Ms),
            "bare_read_p99_ms=" + format(latency.bareReadP99Ms), "bare_pair_p50_ms=" + format(latency.barePairP50Ms),
            "bare_pair_p99_ms=" + format(latency.barePairP99Ms), "client_gc_count=" + latency.clientGcCount,
            "client_gc_ms=" + latency.clientGcMillis, "populate_s=" + format(latency.populateSeconds), "settle_s=" + format(latency.settleSeconds),
            "client_cpu_us_per_decision=" + format(latency.clientCpuMicrosPerDecision)));
        if (server) {
            parts.add(store + "_cpu_us_per_decision=" + format(latency.cassandraCpuMicrosPerDecision));
        }
        parts.add(spaced + "client_cpu_us_per_decision=" + format(latency.spacedClientCpuMicrosPerDecision));
        if (server) {
            parts.add(spaced + store + "_cpu_us_per_decision=" + format(latency.spacedCassandraCpuMicrosPerDecision));
        }
        parts.add("loadavg=" + loadAverage());
        line(parts.toArray(new String[0]));
    }

    private static void latencyLine(String prefix, AuthDecisionLatencyBenchmark.Latency latency, int accounts) {
        String size = prefix + latency.devicesStored + " devices";
        CHART.addCdf(size + ", first decision", latency.firstNanos);
        CHART.addCdf(size + ", again", latency.againNanos);
        CHART.addCdf(size + ", bare read", latency.bareReadNanos);
        line(prefix + "auth_decision", "devices=" + latency.devicesStored, "accounts=" + Math.min(accounts, latency.devicesStored),
            "samples=" + latency.samples, "p50_ms=" + format(latency.p50Ms), "p99_ms=" + format(latency.p99Ms),
            "max_ms=" + format(latency.maxMs), "again_p50_ms=" + format(latency.againP50Ms), "again_p99_ms=" + format(latency.againP99Ms),
            "bare_read_p50_ms=" + format(latency.bareReadP50Ms), "bare_read_p99_ms=" + format(latency.bareReadP99Ms),
            "bare_pair_p50_ms=" + format(latency.barePairP50Ms), "bare_pair_p99_ms=" + format(latency.barePairP99Ms),
            "client_gc_count=" + latency.clientGcCount, "client_gc_ms=" + latency.clientGcMillis,
            "store_unavailable=" + latency.storeUnavailable,
            "populate_s=" + format(latency.populateSeconds), "settle_s=" + format(latency.settleSeconds),
            "client_cpu_us_per_decision=" + format(latency.clientCpuMicrosPerDecision),
            "cassandra_cpu_us_per_decision=" + format(latency.cassandraCpuMicrosPerDecision),
            "spaced_" + AuthDecisionLatencyBenchmark.SPACING_MILLISECONDS + "ms_client_cpu_us_per_decision=" + format(latency.spacedClientCpuMicrosPerDecision),
            "spaced_" + AuthDecisionLatencyBenchmark.SPACING_MILLISECONDS + "ms_cassandra_cpu_us_per_decision=" + format(latency.spacedCassandraCpuMicrosPerDecision),
            "loadavg=" + loadAverage());
    }

    private static void check(BenchServer server, SubmissionLoadClient.Run run) {
        // A figure from failing sessions would be meaningless: stop.
        Preconditions.checkState(run.errors.isEmpty(), "%s: sessions failed: %s", server.name, run.errors);
    }

    /**
     * Requests Cassandra has served on all its client connections so far (its virtual table), this counter's own included.
     */
    private static long cqlRequests(CqlSession session) {
        return session.execute("SELECT request_count FROM system_views.clients").all().stream()
            .mapToLong(row -> row.getLong("request_count"))
            .sum();
    }

    /**
     * One run of sessions against a server, with the CPU its processes spent meanwhile; a run with any failed session
     * stops the benchmark.
     */
    private static final class Window {
        final SubmissionLoadClient.Run run;
        /** James' JVM first, then (cassandra variant) the Cassandra process, then (jdbc_postgres) PostgreSQL's processes. */
        final long[] cpuNanosByProcess;
        /** Of that, the JIT compiler threads of every process. */
        final long jitNanos;

        private Window(SubmissionLoadClient.Run run, long[] cpuNanosByProcess, long jitNanos) {
            this.run = run;
            this.cpuNanosByProcess = cpuNanosByProcess;
            this.jitNanos = jitNanos;
        }

        static Window measure(ProcessCpu cpu, BenchServer server, SubmissionLoadClient client, int sessions, int concurrency,
                              List<BenchAccount> accounts) throws Exception {
            long[] before = cpuNanosByProcess(cpu, server);
            long jitBefore = jitNanos(cpu, server);
            SubmissionLoadClient.Run run = client.run(server.submissionPort(), sessions, concurrency, accounts, server.extraCommand);
            long[] after = cpuNanosByProcess(cpu, server);
            long jit = jitNanos(cpu, server) - jitBefore;
            check(server, run);
            return new Window(run, IntStream.range(0, after.length).mapToLong(i -> after[i] - before[i]).toArray(), jit);
        }

        long cpuNanos() {
            return LongStream.of(cpuNanosByProcess).sum();
        }

        /**
         * The share of the server's process trees ({@link BenchServer#processTrees()}), after its processes.
         */
        long processTreeNanos(BenchServer server) {
            return LongStream.of(cpuNanosByProcess).skip(server.pids().size()).sum();
        }

        private static long[] cpuNanosByProcess(ProcessCpu cpu, BenchServer server) {
            return LongStream.concat(server.pids().stream().mapToLong(cpu::cpuNanos), server.processTrees().stream().mapToLong(cpu::treeCpuNanos))
                .toArray();
        }

        private static long jitNanos(ProcessCpu cpu, BenchServer server) {
            return server.pids().stream().mapToLong(cpu::jitNanos).sum();
        }
    }

    private static int sessionsPerRound(int concurrency) {
        return Integer.getInteger("bench.sessions.c" + concurrency, concurrency == 1 ? 500 : 800);
    }

    private static String stats(String key, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return key + "=" + format(median) + " min=" + format(sorted[0]) + " max=" + format(sorted[sorted.length - 1]) + " n=" + sorted.length;
    }

    private static void line(String... parts) {
        System.out.println("BENCH " + String.join(" ", parts));
        System.out.flush();
    }

    private static String format(double value) {
        // Plain decimals, 4 significant digits for small values.
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.4g", value);
    }

    /**
     * cassandra-env.sh's default: max(min(1/2 RAM, 1 GB), min(1/4 RAM, 8 GB)).
     */
    private static long cassandraDefaultHeapMegabytes() throws IOException {
        long ramMegabytes = Files.readAllLines(Paths.get("/proc/meminfo"), StandardCharsets.US_ASCII).stream()
            .filter(line -> line.startsWith("MemTotal:"))
            .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no MemTotal in /proc/meminfo"));
        return Math.max(Math.min(ramMegabytes / 2, 1024), Math.min(ramMegabytes / 4, 8192));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.US_ASCII).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Paths.get("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + "," + fields[1] + "," + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String required(String property) {
        return Preconditions.checkNotNull(System.getProperty(property), "-D%s is required (./run-bench sets it)", property);
    }

    private static final class Measure {
        final int round;
        final int concurrency;
        final int sessions;
        final long cpuNanos;
        final long jitNanos;
        /** The idle rate of the variant's database (Cassandra, PostgreSQL) times the window. */
        final long idleNanos;
        /** Of cpuNanos, the database server's processes' (PostgreSQL); 0 for the others. */
        final long processTreeNanos;
        final double sessionsPerSecond;

        Measure(int round, int concurrency, int sessions, long cpuNanos, long jitNanos, long idleNanos, long processTreeNanos,
                double sessionsPerSecond) {
            this.round = round;
            this.concurrency = concurrency;
            this.sessions = sessions;
            this.cpuNanos = cpuNanos;
            this.jitNanos = jitNanos;
            this.idleNanos = idleNanos;
            this.processTreeNanos = processTreeNanos;
            this.sessionsPerSecond = sessionsPerSecond;
        }

        double cpuMicrosPerSession() {
            return cpuNanos / 1e3 / sessions;
        }
    }
}

package org.jamesclientid.bench;

import static org.jamesclientid.bench.BenchSamples.account;
import static org.jamesclientid.bench.BenchSamples.clientGc;
import static org.jamesclientid.bench.BenchSamples.clientId;
import static org.jamesclientid.bench.BenchSamples.distinctPicks;
import static org.jamesclientid.bench.BenchSamples.percentileMs;
import static org.jamesclientid.bench.BenchSamples.spacedEach;
import static org.jamesclientid.bench.BenchSamples.timedEach;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.jamesclientid.bench.BenchSamples.CpuSince;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.jdbc.JdbcAccountPolicyRepository;
import org.jamesclientid.jdbc.JdbcBlockRepository;
import org.jamesclientid.jdbc.JdbcConnectionSettings;
import org.jamesclientid.jdbc.JdbcConnections;
import org.jamesclientid.jdbc.JdbcDeviceActivityRepository;
import org.jamesclientid.jdbc.JdbcDeviceRepository;
import org.jamesclientid.jdbc.JdbcDeviceUseRepository;
import org.jamesclientid.jdbc.JdbcExecutor;
import org.jamesclientid.jdbc.JdbcFailureCounters;
import org.jamesclientid.jdbc.JdbcPasswordOnlySignIns;
import org.jamesclientid.jdbc.JdbcStoreConfiguration;
import org.jamesclientid.jdbc.JdbcTables;
import org.jamesclientid.jdbc.JdbcThrottles;
import org.jamesclientid.policy.AuthAttempt;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.ClientIdPolicyEngine;
import org.jamesclientid.policy.LastKnownPolicies;
import org.jamesclientid.policy.PolicyConfigurations;
import org.jamesclientid.policy.PolicyDecision;

import com.codahale.metrics.MetricRegistry;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Mono;

/**
 * AUTH decision latency of the JDBC store, as {@link AuthDecisionLatencyBenchmark} measures the Cassandra one:
 * {@link ClientIdPolicyEngine#decide} (mode observe, right password) through the JDBC repositories, in this JVM, for
 * known devices picked at random, each device once, one decision at a time, on a store holding N devices; then the
 * same devices again, then a bare read of each device's row. On embedded Derby (in this JVM, on disk, as James' JPA
 * server runs it) or on the benchmark's PostgreSQL, whose processes' CPU is counted. The devices are inserted with
 * JDBC batches, {@value #BATCH} rows per transaction, as the store writes a trusted device's row.
 */
final class JdbcAuthDecisionLatencyBenchmark {
    private static final int BATCH = 1000;
    private static final int WARMUP_DECISIONS = 3000;
    private static final int COUNTED_DECISIONS = 200;
    private static final int VERIFIED_DEVICES = 20;
    // The store's own statements: a device's row by key (JdbcDeviceRepository), a device's blocks (JdbcBlockRepository).
    private static final String LIVE = " AND (expires_at IS NULL OR expires_at > ?)";
    private static final String READ_DEVICE = "SELECT username, device_id, type, hint, label, status, revoked_until, status_by, status_at, "
        + "first_seen, expires_at FROM " + JdbcTables.DEVICES + " WHERE username = ? AND device_id = ?" + LIVE;
    private static final String READ_BLOCKS = "SELECT device_id, kind, set_by, created_at, until, reason FROM " + JdbcTables.DEVICE_BLOCKS
        + " WHERE device_id = ?" + LIVE;
    private static final String INSERT_DEVICE = "INSERT INTO " + JdbcTables.DEVICES
        + " (username, device_id, type, hint, label, status, revoked_until, status_by, status_at, first_seen, expires_at)"
        + " VALUES (?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, NULL)";

    private final BenchJdbcDatabase database;
    private final ProcessCpu cpu;
    private final ClientIdPolicyConfiguration policy;
    private final DeviceIdFactory deviceIds;

    JdbcAuthDecisionLatencyBenchmark(BenchJdbcDatabase database, ProcessCpu cpu) {
        this.database = database;
        this.cpu = cpu;
        this.policy = PolicyConfigurations.policy("clientid.mode=observe", BenchConf.SECRET);
        this.deviceIds = DeviceIdFactory.withSecret(policy.getSecret());
    }

    /**
     * A fresh database holding {@code devices} trusted devices spread evenly over {@code accounts} accounts (fewer when
     * the inserts take longer than {@code populateLimit}), then {@code samples} decisions on distinct devices through a
     * fresh engine. Its {@code cassandraCpuMicrosPerDecision} fields hold the PostgreSQL processes' CPU (NaN on Derby,
     * whose CPU is this JVM's, in {@code clientCpuMicrosPerDecision}).
     */
    AuthDecisionLatencyBenchmark.Latency measure(String name, int devices, int accounts, int samples, Duration populateLimit, boolean warmUp)
            throws Exception {
        JdbcConnectionSettings settings = database.freshDatabase(name);
        try (JdbcConnections connections = new JdbcConnections(settings, JdbcStoreConfiguration.DEFAULT_MAX_CONNECTIONS)) {
            JdbcTables.createMissing(connections);
            long populateStart = System.nanoTime();
            int stored = populate(connections, devices, accounts, Instant.now().plus(populateLimit));
            double populateSeconds = (System.nanoTime() - populateStart) / 1e9;
            verify(connections, stored, accounts);
            // A store in place: its planner statistics up to date, as autovacuum or Derby's own statistics would have them.
            long settleStart = System.nanoTime();
            updateStatistics(connections);
            double settleSeconds = (System.nanoTime() - settleStart) / 1e9;

            Random random = new Random(42);
            if (warmUp) {
                ClientIdPolicyEngine warmupEngine = engine(connections);
                for (int i = 0; i < WARMUP_DECISIONS; i++) {
                    decide(warmupEngine, random.nextInt(stored), accounts);
                }
            }
            List<Integer> picks = distinctPicks(stored, samples, random);
            ClientIdPolicyEngine engine = engine(connections);
            CpuSince firstCpu = CpuSince.now(cpu, this::serverCpuNanos);
            long[] gcBefore = clientGc();
            long[] nanos = timedDecisions(engine, picks, accounts);
            long[] gcAfter = clientGc();
            double clientCpu = firstCpu.clientMicrosPerDecision(picks.size());
            double serverCpu = firstCpu.serverMicrosPerDecision(picks.size());

            int spaced = Math.min(AuthDecisionLatencyBenchmark.SPACED_DECISIONS, picks.size());
            CpuSince spacedCpu = CpuSince.now(cpu, this::serverCpuNanos);
            spacedEach(picks, spaced, AuthDecisionLatencyBenchmark.SPACING_MILLISECONDS, pick -> decide(engine, pick, accounts));
            double spacedClientCpu = spacedCpu.clientMicrosPerDecision(spaced);
            double spacedServerCpu = spacedCpu.serverMicrosPerDecision(spaced);

            long[] againNanos = timedDecisions(engine, picks, accounts);
            JdbcExecutor executor = new JdbcExecutor(connections);
            long[] bareReadNanos = timedBareReads(executor, picks, accounts, false);
            long[] barePairNanos = timedBareReads(executor, picks, accounts, true);

            // Counted apart from the timed passes: the counting connections add their own work to each statement.
            RoundTripCounter counter = new RoundTripCounter();
            try (JdbcConnections counted = new CountedConnections(settings, counter)) {
                ClientIdPolicyEngine countedEngine = engine(counted);
                List<Integer> countedPicks = picks.subList(0, Math.min(COUNTED_DECISIONS, picks.size()));
                AuthDecisionLatencyBenchmark.RoundTrips first = countedDecisions(counter, countedEngine, countedPicks, accounts);
                AuthDecisionLatencyBenchmark.RoundTrips again = countedDecisions(counter, countedEngine, countedPicks, accounts);
                AuthDecisionLatencyBenchmark.Latency latency = new AuthDecisionLatencyBenchmark.Latency(stored, nanos.length,
                    percentileMs(nanos, 0.50), percentileMs(nanos, 0.99), nanos[nanos.length - 1] / 1e6, populateSeconds, settleSeconds,
                    clientCpu, serverCpu, spacedClientCpu, spacedServerCpu,
                    percentileMs(againNanos, 0.50), percentileMs(againNanos, 0.99), percentileMs(bareReadNanos, 0.50),
                    percentileMs(bareReadNanos, 0.99), percentileMs(barePairNanos, 0.50), percentileMs(barePairNanos, 0.99),
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], first, again);
                latency.firstNanos = nanos;
                latency.againNanos = againNanos;
                latency.bareReadNanos = bareReadNanos;
                return latency;
            }
        } finally {
            database.closeDatabase(settings);
        }
    }

    private double serverCpuNanos() {
        return database.processTreeRoot().map(pid -> (double) cpu.treeCpuNanos(pid)).orElse(Double.NaN);
    }

    /**
     * The rows of devices 0..n-1, {@value #BATCH} per transaction, until {@code deadline}: the columns the store writes
     * for a device an administrator trusted ({@code JdbcDeviceRepository}), no expiry.
     */
    private int populate(JdbcConnections connections, int devices, int accounts, Instant deadline) throws SQLException {
        Instant now = Instant.now();
        int stored = 0;
        while (stored < devices && Instant.now().isBefore(deadline)) {
            int from = stored;
            int to = Math.min(devices, from + BATCH);
            connections.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_DEVICE)) {
                    for (int i = from; i < to; i++) {
                        Device device = device(i, now);
                        insert.setString(1, account(i, accounts).asString());
                        insert.setString(2, device.getId().asString());
                        insert.setString(3, device.getType());
                        insert.setString(4, device.getHint());
                        insert.setString(5, device.getStatus().asString());
                        insert.setString(6, device.getStatusChange().getBy().asString());
                        insert.setLong(7, device.getStatusChange().getAt().toEpochMilli());
                        insert.setLong(8, device.getFirstSeen().toEpochMilli());
                        insert.addBatch();
                    }
                    return insert.executeBatch().length;
                }
            });
            stored = to;
        }
        return stored;
    }

    private Device device(int index, Instant now) {
        ClientId clientId = clientId(index);
        return Device.builder()
            .id(deviceIds.deviceId(clientId))
            .type(clientId.getType())
            .hint(DeviceIdFactory.hint(clientId))
            .status(StatusChange.trusted(Actor.ADMINISTRATOR, now))
            .firstSeen(now)
            .build();
    }

    /**
     * The store itself reads some of the rows inserted by hand as the trusted devices they are meant to be: in observe,
     * an unknown device is also decided OK, so the decisions alone would not tell.
     */
    private void verify(JdbcConnections connections, int stored, int accounts) {
        JdbcDeviceRepository devices = new JdbcDeviceRepository(new JdbcExecutor(connections), Clock.systemUTC(), PendingDeviceLimits.DEFAULT);
        Random random = new Random(7);
        for (int i = 0; i < Math.min(VERIFIED_DEVICES, stored); i++) {
            int pick = i == 0 ? stored - 1 : random.nextInt(stored);
            Device device = devices.device(account(pick, accounts), deviceIds.deviceId(clientId(pick))).block();
            Preconditions.checkState(device != null && device.getStatus() == DeviceStatus.TRUSTED,
                "device %s was not stored as a trusted device: %s", pick, device);
        }
    }

    private void updateStatistics(JdbcConnections connections) throws SQLException {
        connections.withConnection(connection -> {
            try (Statement statement = connection.createStatement()) {
                if (database.processTreeRoot().isPresent()) {
                    statement.execute("VACUUM ANALYZE " + JdbcTables.DEVICES);
                } else {
                    statement.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('" + database.username().toUpperCase(Locale.ROOT)
                        + "', '" + JdbcTables.DEVICES.toUpperCase(Locale.ROOT) + "', NULL)");
                }
                return null;
            }
        });
    }

    /**
     * One decision per pick, one at a time: the time of each, sorted.
     */
    private long[] timedDecisions(ClientIdPolicyEngine engine, List<Integer> picks, int accounts) {
        return timedEach(picks, pick -> decide(engine, pick, accounts));
    }

    /**
     * One prepared read of each pick's device row by key (with {@code withBlock}, and of its blocks, both at once on
     * two connections), through the same pool and executor the store uses but without the engine or the store: the
     * least a decision pays on this machine. The time of each, sorted.
     */
    private long[] timedBareReads(JdbcExecutor executor, List<Integer> picks, int accounts, boolean withBlock) {
        long[] nanos = new long[picks.size()];
        for (int i = 0; i < picks.size(); i++) {
            String username = account(picks.get(i), accounts).asString();
            String deviceId = deviceIds.deviceId(clientId(picks.get(i))).asString();
            long now = System.currentTimeMillis();
            long start = System.nanoTime();
            Mono<Boolean> device = executor.execute(connection -> exists(connection, READ_DEVICE, username, deviceId, now));
            Boolean found = withBlock
                ? Mono.zip(device, executor.execute(connection -> exists(connection, READ_BLOCKS, deviceId, null, now)), (row, any) -> row).block()
                : device.block();
            nanos[i] = System.nanoTime() - start;
            Preconditions.checkState(Boolean.TRUE.equals(found), "device %s not stored", picks.get(i));
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static boolean exists(Connection connection, String sql, String first, String second, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            statement.setString(index++, first);
            if (second != null) {
                statement.setString(index++, second);
            }
            statement.setLong(index, now);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next();
            }
        }
    }

    /**
     * As {@link AuthDecisionLatencyBenchmark}'s count: the round trips the reply waited for, and all of them.
     */
    private AuthDecisionLatencyBenchmark.RoundTrips countedDecisions(RoundTripCounter counter, ClientIdPolicyEngine engine, List<Integer> picks,
                                                                     int accounts) {
        return AuthDecisionLatencyBenchmark.RoundTrips.count(counter, picks, pick -> decide(engine, pick, accounts), returned -> { });
    }

    private void decide(ClientIdPolicyEngine engine, int device, int accounts) {
        PolicyDecision decision = engine.decide(AuthAttempt.builder()
                .username(account(device, accounts))
                .clientId(clientId(device))
                .passwordValid(true)
                .remoteIp("127.0.0.1")
                .at(Instant.now())
                .build())
            .block();
        Preconditions.checkState(decision != null && decision.getReason() == PolicyDecision.Reason.OK,
            "a known device was decided %s", decision);
    }

    private ClientIdPolicyEngine engine(JdbcConnections connections) {
        JdbcExecutor executor = new JdbcExecutor(connections);
        Clock clock = Clock.systemUTC();
        Duration retention = JdbcStoreConfiguration.DEFAULT_RETENTION;
        DeviceHistory history = new DeviceHistory(new JdbcDeviceRepository(executor, clock, PendingDeviceLimits.DEFAULT),
            new JdbcDeviceActivityRepository(executor, clock), new JdbcBlockRepository(executor, clock), new JdbcAccountPolicyRepository(executor),
            new JdbcDeviceUseRepository(executor, clock, retention));
        return new ClientIdPolicyEngine(history, new JdbcFailureCounters(executor, clock, retention), new JdbcThrottles(executor, clock, retention),
            new JdbcPasswordOnlySignIns(executor, clock), new LastKnownPolicies(), username -> Mono.just(true), policy, deviceIds,
            ImmutableSet.of(), new DropWizardMetricFactory(new MetricRegistry()));
    }






    /**
     * Connections whose statements, commits, rollbacks and savepoints are each a request of {@link RoundTripCounter}
     * (each is a round trip to PostgreSQL; on embedded Derby, a call into the engine). A pool of its own, for the
     * counting pass only.
     */
    private static final class CountedConnections extends JdbcConnections {
        private static final Set<String> CONNECTION_REQUESTS = ImmutableSet.of("commit", "rollback", "setSavepoint", "releaseSavepoint");
        private static final Set<String> STATEMENT_REQUESTS = ImmutableSet.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

        private final RoundTripCounter counter;

        CountedConnections(JdbcConnectionSettings settings, RoundTripCounter counter) {
            super(settings, JdbcStoreConfiguration.DEFAULT_MAX_CONNECTIONS);
            this.counter = counter;
        }

        @Override
        public <T> T withConnection(SqlFunction<T> function) throws SQLException {
            return super.withConnection(connection -> function.apply(counted(connection)));
        }

        private Connection counted(Connection connection) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (CONNECTION_REQUESTS.contains(method.getName())) {
                        return counter.blockingRequest(() -> invoke(connection, method, args));
                    }
                    Object result = invoke(connection, method, args);
                    if (result instanceof CallableStatement) {
                        return counted((Statement) result, CallableStatement.class);
                    }
                    if (result instanceof PreparedStatement) {
                        return counted((Statement) result, PreparedStatement.class);
                    }
                    if (result instanceof Statement) {
                        return counted((Statement) result, Statement.class);
                    }
                    return result;
                });
        }

        private Statement counted(Statement statement, Class<? extends Statement> type) {
            return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> STATEMENT_REQUESTS.contains(method.getName())
                    ? counter.blockingRequest(() -> invoke(statement, method, args))
                    : invoke(statement, method, args));
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}

package org.jamesclientid.bench;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.bench.BenchSamples.account;
import static org.jamesclientid.bench.BenchSamples.clientGc;
import static org.jamesclientid.bench.BenchSamples.clientId;
import static org.jamesclientid.bench.BenchSamples.distinctPicks;
import static org.jamesclientid.bench.BenchSamples.nanosOf;
import static org.jamesclientid.bench.BenchSamples.p99RatioInterval;
import static org.jamesclientid.bench.BenchSamples.percentileMs;
import static org.jamesclientid.bench.BenchSamples.sleep;
import static org.jamesclientid.bench.BenchSamples.spacedEach;
import static org.jamesclientid.bench.BenchSamples.timedEach;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.jamesclientid.bench.BenchSamples.CpuSince;
import org.jamesclientid.cassandra.CassandraAccountPolicyRepository;
import org.jamesclientid.cassandra.CassandraBlockRepository;
import org.jamesclientid.cassandra.CassandraDeviceActivityRepository;
import org.jamesclientid.cassandra.CassandraDeviceHistoryConfiguration;
import org.jamesclientid.cassandra.CassandraDeviceHistoryTables;
import org.jamesclientid.cassandra.CassandraDeviceRepository;
import org.jamesclientid.cassandra.CassandraDeviceUseDAO;
import org.jamesclientid.cassandra.CassandraDeviceUseRepository;
import org.jamesclientid.cassandra.CassandraFailureCounters;
import org.jamesclientid.cassandra.CassandraFailureDAO;
import org.jamesclientid.cassandra.CassandraPasswordOnlySignInDAO;
import org.jamesclientid.cassandra.CassandraPasswordOnlySignIns;
import org.jamesclientid.cassandra.CassandraThrottleDAO;
import org.jamesclientid.cassandra.CassandraThrottles;
import org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceTable;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.policy.AuthAttempt;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.ClientIdPolicyEngine;
import org.jamesclientid.policy.LastKnownPolicies;
import org.jamesclientid.policy.PolicyConfigurations;
import org.jamesclientid.policy.PolicyDecision;
import org.jamesclientid.testing.cassandra.TestCassandra;
import org.jamesclientid.testing.cassandra.TestCqlSessions;

import com.codahale.metrics.MetricRegistry;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Lists;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * AUTH decision latency of the Cassandra device store: {@link ClientIdPolicyEngine#decide} (mode observe, right
 * password) for known devices picked at random, each device once, one decision at a time, on a store holding N
 * devices. The store is filled through {@link DeviceHistory} with {@value #POPULATE_IN_FLIGHT} saves in flight.
 * Then, on demand, the decisions per second the store sustains with several decisions in flight ({@link #saturate}).
 */
final class AuthDecisionLatencyBenchmark {
    private static final int POPULATE_IN_FLIGHT = 64;
    private static final int POPULATE_RETRIES = 5;
    private static final int WARMUP_DECISIONS = 3000;
    static final int SPACING_MILLISECONDS = 25;
    static final int SPACED_DECISIONS = 200;
    private static final int COUNTED_DECISIONS = 200;
    private static final int SATURATION_DECISION_TIMEOUT_SECONDS = 10;

    /**
     * Sequential CQL round trips per decision ({@link RoundTripCounter}) over a pass of decisions.
     */
    static final class RoundTrips {
        /** Round trips whose responses had come when the decision was returned: what the reply waited for. */
        final int max;
        final double mean;
        /** Every request of the decision, the writes sent without waiting (activity, use) included. */
        final int withWritesAfterReplyMax;
        final double withWritesAfterReplyMean;
        final double requestsMean;
        /** The longest a decision took to send the requests of its first round trip, against {@link RoundTripCounter#HOLD}. */
        final double sentTogetherSpreadMaxMs;

        /**
         * One decision per pick, each counted by {@code counter} until its last request is answered (so that none is
         * sent into the next count); {@code afterEach} runs after each count with the moment the decision was
         * returned, while the counter still holds that decision's requests.
         */
        static RoundTrips count(RoundTripCounter counter, List<Integer> picks, IntConsumer decide, LongConsumer afterEach) {
            int max = 0;
            long roundTrips = 0;
            int allMax = 0;
            long allRoundTrips = 0;
            long requests = 0;
            long spreadNanos = 0;
            for (int pick : picks) {
                counter.begin();
                decide.accept(pick);
                long returned = System.nanoTime();
                int awaited = counter.roundTripsAnsweredBy(returned);
                counter.awaitQuiet();
                spreadNanos = Math.max(spreadNanos, counter.sentTogetherSpreadNanos());
                max = Math.max(max, awaited);
                roundTrips += awaited;
                int all = counter.roundTrips();
                allMax = Math.max(allMax, all);
                allRoundTrips += all;
                requests += counter.requests();
                afterEach.accept(returned);
            }
            return new RoundTrips(max, (double) roundTrips / picks.size(), allMax, (double) allRoundTrips / picks.size(),
                (double) requests / picks.size(), spreadNanos / 1e6);
        }

        RoundTrips(int max, double mean, int withWritesAfterReplyMax, double withWritesAfterReplyMean, double requestsMean,
                   double sentTogetherSpreadMaxMs) {
            this.max = max;
            this.mean = mean;
            this.withWritesAfterReplyMax = withWritesAfterReplyMax;
            this.withWritesAfterReplyMean = withWritesAfterReplyMean;
            this.requestsMean = requestsMean;
            this.sentTogetherSpreadMaxMs = sentTogetherSpreadMaxMs;
        }
    }

    /**
     * The ratios' pass: for each pick in turn, the device's first decision on a fresh engine, a bare one-row read of
     * another device, the device's decision again, and the reads the engine sent for a decision again replayed without
     * it. Each ratio's two sides thus meet the same moments of this shared machine; timed in passes of their own, they
     * met different ones (runs 8-17 of docs/benchmarks.md put the 1M first-decision ratio anywhere from 1.26 to 4.03).
     * Each array in the order timed: the i-th of each comes from the same turn.
     */
    static final class Paired {
        private final long[] firstNanos;
        private final long[] bareReadNanos;
        private final long[] againNanos;
        private final long[] sameReadsNanos;
        final double firstP99Ms;
        final double bareReadP99Ms;
        final double againP99Ms;
        final double sameReadsP99Ms;

        Paired(long[] firstNanos, long[] bareReadNanos, long[] againNanos, long[] sameReadsNanos) {
            this.firstNanos = firstNanos;
            this.bareReadNanos = bareReadNanos;
            this.againNanos = againNanos;
            this.sameReadsNanos = sameReadsNanos;
            this.firstP99Ms = p99Ms(firstNanos);
            this.bareReadP99Ms = p99Ms(bareReadNanos);
            this.againP99Ms = p99Ms(againNanos);
            this.sameReadsP99Ms = p99Ms(sameReadsNanos);
        }

        int samples() {
            return firstNanos.length;
        }

        /** {@link BenchSamples#p99RatioInterval} of first decisions over bare reads. */
        double[] firstOverBareReadInterval() {
            return p99RatioInterval(firstNanos, bareReadNanos, 1);
        }

        /** {@link BenchSamples#p99RatioInterval} of decisions again over the same reads without the engine. */
        double[] againOverSameReadsInterval() {
            return p99RatioInterval(againNanos, sameReadsNanos, 2);
        }

        /** The arrays stay in the order timed, for the intervals' pairs: the p99 is of a sorted copy. */
        private static double p99Ms(long[] inOrder) {
            long[] sorted = inOrder.clone();
            Arrays.sort(sorted);
            return percentileMs(sorted, 0.99);
        }
    }

    static final class Latency {
        final int devicesStored;
        final int samples;
        final double p50Ms;
        final double p99Ms;
        final double maxMs;
        final double populateSeconds;
        final double settleSeconds;
        final double clientCpuMicrosPerDecision;
        final double cassandraCpuMicrosPerDecision;
        /** The same decisions again, one every {@value #SPACING_MILLISECONDS} ms, as on a lightly loaded server. */
        final double spacedClientCpuMicrosPerDecision;
        final double spacedCassandraCpuMicrosPerDecision;
        /** The same devices decided again on the same node: within the activity interval, the steady state. */
        final double againP50Ms;
        final double againP99Ms;
        /** One bare read of each device's row (no engine, no second request): this machine's floor for a round trip. */
        final double bareReadP50Ms;
        final double bareReadP99Ms;
        /** The two reads of {@code again} (device row, block), sent together, without the engine. */
        final double barePairP50Ms;
        final double barePairP99Ms;
        /** Collections and their total time in the benchmark's JVM (engine + driver) during the first-decision pass. */
        final long clientGcCount;
        final long clientGcMillis;
        /** A device's first decision on a node (a fresh engine), then the same devices again. */
        final RoundTrips roundTripsFirst;
        final RoundTrips roundTripsAgain;
        /** Every timed sample, sorted, for the chart: first decisions, again, bare reads. */
        long[] firstNanos = new long[0];
        long[] againNanos = new long[0];
        long[] bareReadNanos = new long[0];
        /** The reads the engine sent for each decision again, sent again together without the engine. */
        double sameReadsP50Ms;
        double sameReadsP99Ms;
        double sameReadsPerDecision;
        /** The ratios' pass: both sides of each ratio timed one after the other (see {@link Paired}). */
        Paired paired;
        /** Decisions of the measure answered {@code STORE_UNAVAILABLE} (the store timeout), timed and counted as any other. */
        long storeUnavailable;

        Latency(int devicesStored, int samples, double p50Ms, double p99Ms, double maxMs, double populateSeconds, double settleSeconds,
                double clientCpuMicrosPerDecision, double cassandraCpuMicrosPerDecision, double spacedClientCpuMicrosPerDecision,
                double spacedCassandraCpuMicrosPerDecision, double againP50Ms, double againP99Ms, double bareReadP50Ms, double bareReadP99Ms,
                double barePairP50Ms, double barePairP99Ms, long clientGcCount, long clientGcMillis, RoundTrips roundTripsFirst,
                RoundTrips roundTripsAgain) {
            this.devicesStored = devicesStored;
            this.samples = samples;
            this.p50Ms = p50Ms;
            this.p99Ms = p99Ms;
            this.maxMs = maxMs;
            this.populateSeconds = populateSeconds;
            this.settleSeconds = settleSeconds;
            this.clientCpuMicrosPerDecision = clientCpuMicrosPerDecision;
            this.cassandraCpuMicrosPerDecision = cassandraCpuMicrosPerDecision;
            this.spacedClientCpuMicrosPerDecision = spacedClientCpuMicrosPerDecision;
            this.spacedCassandraCpuMicrosPerDecision = spacedCassandraCpuMicrosPerDecision;
            this.againP50Ms = againP50Ms;
            this.againP99Ms = againP99Ms;
            this.bareReadP50Ms = bareReadP50Ms;
            this.bareReadP99Ms = bareReadP99Ms;
            this.barePairP50Ms = barePairP50Ms;
            this.barePairP99Ms = barePairP99Ms;
            this.clientGcCount = clientGcCount;
            this.clientGcMillis = clientGcMillis;
            this.roundTripsFirst = roundTripsFirst;
            this.roundTripsAgain = roundTripsAgain;
        }
    }

    /**
     * One step of the saturation pass: a closed loop keeping {@code inFlight} decisions in flight for a fixed time.
     * Decisions answered {@code OK} count as decisions; any other answer, error or timeout counts as an error. The
     * times are of every decision, errors included (a caller waits for those too).
     */
    static final class SaturationStep {
        final int devicesStored;
        final int inFlight;
        final long decisions;
        final long errors;
        /** Of all decisions, the share that were a device's first on this engine (its activity and use written). */
        final double firstShare;
        final long wallNanos;
        final long cassandraCpuNanos;
        final long clientCpuNanos;
        final double p50Ms;
        final double p99Ms;

        SaturationStep(int devicesStored, int inFlight, long decisions, long errors, double firstShare, long wallNanos, long cassandraCpuNanos,
                       long clientCpuNanos, double p50Ms, double p99Ms) {
            this.devicesStored = devicesStored;
            this.inFlight = inFlight;
            this.decisions = decisions;
            this.errors = errors;
            this.firstShare = firstShare;
            this.wallNanos = wallNanos;
            this.cassandraCpuNanos = cassandraCpuNanos;
            this.clientCpuNanos = clientCpuNanos;
            this.p50Ms = p50Ms;
            this.p99Ms = p99Ms;
        }

        double decisionsPerSecond() {
            return decisions * 1e9 / wallNanos;
        }

        /** Per decision answered OK: the CPU spent on errors is charged to the decisions that succeeded. */
        double cassandraCpuMicrosPerDecision() {
            return cassandraCpuNanos / 1e3 / decisions;
        }

        /** Cassandra's CPU over the step's wall time: the cores it kept busy. */
        double cassandraCores() {
            return (double) cassandraCpuNanos / wallNanos;
        }

        double clientCpuMicrosPerDecision() {
            return clientCpuNanos / 1e3 / decisions;
        }

        double clientCores() {
            return (double) clientCpuNanos / wallNanos;
        }
    }

    private final List<InetSocketAddress> contactPoints;
    private final int replicationFactor;
    private final Optional<DefaultConsistencyLevel> consistency;
    private final List<Long> cassandraPids;
    private final ProcessCpu cpu;
    /** Decisions answered {@code STORE_UNAVAILABLE} since the current measure began. */
    private final AtomicLong storeUnavailable = new AtomicLong();
    private final ClientIdPolicyConfiguration policy;
    private final DeviceIdFactory deviceIds;

    /**
     * On one node, at the driver's default level.
     */
    AuthDecisionLatencyBenchmark(TestCassandra cassandra, long cassandraPid, ProcessCpu cpu) {
        this(List.of(cassandra.contactPoint()), 1, Optional.empty(), List.of(cassandraPid), cpu);
    }

    /**
     * On a ring of {@code contactPoints.size()} nodes, every statement at {@code consistency} (the level a James
     * deployment configures), with the CPU of every node counted.
     */
    AuthDecisionLatencyBenchmark(List<InetSocketAddress> contactPoints, int replicationFactor, Optional<DefaultConsistencyLevel> consistency,
                                 List<Long> cassandraPids, ProcessCpu cpu) {
        this.contactPoints = List.copyOf(contactPoints);
        this.replicationFactor = replicationFactor;
        this.consistency = consistency;
        this.cassandraPids = List.copyOf(cassandraPids);
        this.cpu = cpu;
        this.policy = PolicyConfigurations.policy("clientid.mode=observe", BenchConf.SECRET);
        this.deviceIds = DeviceIdFactory.withSecret(policy.getSecret());
    }

    /**
     * A fresh keyspace holding {@code devices} trusted devices spread evenly over {@code accounts} accounts (fewer
     * when the populating takes longer than {@code populateLimit}), then {@code samples} decisions on distinct
     * devices. A fresh engine for the measure: its per-node activity cache starts empty, as on a restarted node.
     */
    Latency measure(String keyspace, int devices, int accounts, int samples, Duration populateLimit, Duration settleLimit, boolean warmUp) {
        try (CqlSession admin = TestCqlSessions.adminBuilder(contactPoints.get(0)).addContactPoints(contactPoints).build()) {
            admin.execute("DROP KEYSPACE IF EXISTS " + keyspace);
            admin.execute("CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': "
                + replicationFactor + "}");
        }
        storeUnavailable.set(0);
        try (CqlSession session = session(keyspace)) {
            CassandraDeviceHistoryTables.createMissing(session);
            long populateStart = System.nanoTime();
            int stored = populate(history(session), devices, accounts, Instant.now().plus(populateLimit));
            double populateSeconds = (System.nanoTime() - populateStart) / 1e9;
            // A store that has been in place: not one still flushing and compacting what was just written.
            long settleStart = System.nanoTime();
            awaitNoCompactionNorFlush(session, settleLimit);
            double settleSeconds = (System.nanoTime() - settleStart) / 1e9;

            Random random = new Random(42);
            if (warmUp) {
                ClientIdPolicyEngine warmupEngine = engine(session, history(session));
                for (int i = 0; i < WARMUP_DECISIONS; i++) {
                    decide(warmupEngine, random.nextInt(stored), accounts);
                }
            }
            // The bare one-row read is of other devices than the decisions': a row read again is in Cassandra's key
            // and chunk caches and the page cache, where a device's first decision on a node finds it cold. A store
            // too small for two sets (all of it warm after the warm-up anyway) reads the decisions' devices.
            // The paired pass has cold devices of its own too when the store is large enough.
            int sets = stored >= 16 * samples ? 4 : stored >= 8 * samples ? 2 : 1;
            List<List<Integer>> drawn = Lists.partition(distinctPicks(stored, sets * samples, random), samples);
            List<Integer> picks = drawn.get(0);
            List<Integer> bareReadPicks = drawn.size() > 1 ? drawn.get(1) : picks;
            List<Integer> pairedPicks = drawn.size() > 3 ? drawn.get(2) : picks;
            List<Integer> pairedBareReadPicks = drawn.size() > 3 ? drawn.get(3) : bareReadPicks;
            ClientIdPolicyEngine engine = engine(session, history(session));
            CpuSince firstCpu = CpuSince.now(cpu, this::cassandraCpuNanos);
            long[] gcBefore = clientGc();
            long[] nanos = timedDecisions(engine, picks, accounts);
            long[] gcAfter = clientGc();
            double clientCpu = firstCpu.clientMicrosPerDecision(picks.size());
            double cassandraCpu = firstCpu.serverMicrosPerDecision(picks.size());

            // Cassandra's request threads spin for a while after each request: spaced requests cost it far more CPU.
            int spaced = Math.min(SPACED_DECISIONS, picks.size());
            CpuSince spacedCpu = CpuSince.now(cpu, this::cassandraCpuNanos);
            spacedEach(picks, spaced, SPACING_MILLISECONDS, pick -> decide(engine, pick, accounts));
            double spacedClientCpu = spacedCpu.clientMicrosPerDecision(spaced);
            double spacedCassandraCpu = spacedCpu.serverMicrosPerDecision(spaced);

            long[] againNanos = timedDecisions(engine, picks, accounts);
            long[] bareReadNanos = timedBareReads(session, bareReadPicks, accounts, false);
            long[] barePairNanos = timedBareReads(session, picks, accounts, true);

            // Counted apart from the timed passes: the counting session adds its own work to each request.
            RoundTripCounter counter = new RoundTripCounter();
            CqlSession counted = counter.wrap(session);
            ClientIdPolicyEngine countedEngine = engine(counted, history(counted));
            List<Integer> countedPicks = picks.subList(0, Math.min(COUNTED_DECISIONS, picks.size()));
            RoundTrips first = countedDecisions(counter, countedEngine, countedPicks, accounts, new ArrayList<>());
            List<List<Statement<?>>> sameReads = new ArrayList<>();
            RoundTrips again = countedDecisions(counter, countedEngine, countedPicks, accounts, sameReads);
            long[] sameReadsNanos = timedSameReads(session, sameReads, picks.size());
            Paired paired = pairedPass(session, pairedPicks, pairedBareReadPicks, sameReads, accounts);
            Latency latency = new Latency(stored, nanos.length, percentileMs(nanos, 0.50), percentileMs(nanos, 0.99),
                nanos[nanos.length - 1] / 1e6, populateSeconds, settleSeconds, clientCpu, cassandraCpu, spacedClientCpu, spacedCassandraCpu,
                percentileMs(againNanos, 0.50), percentileMs(againNanos, 0.99), percentileMs(bareReadNanos, 0.50), percentileMs(bareReadNanos, 0.99),
                percentileMs(barePairNanos, 0.50), percentileMs(barePairNanos, 0.99), gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1],
                first, again);
            latency.firstNanos = nanos;
            latency.againNanos = againNanos;
            latency.bareReadNanos = bareReadNanos;
            latency.sameReadsP50Ms = percentileMs(sameReadsNanos, 0.50);
            latency.sameReadsP99Ms = percentileMs(sameReadsNanos, 0.99);
            latency.sameReadsPerDecision = sameReads.stream().mapToInt(List::size).average().orElse(0);
            latency.paired = paired;
            latency.storeUnavailable = storeUnavailable.get();
            return latency;
        }
    }

    /**
     * The saturation pass, on the store {@link #measure} left in {@code keyspace} ({@code stored} devices over
     * {@code accounts}): for each of {@code inFlights}, a {@link ClosedLoop} of {@link ClientIdPolicyEngine#decide}
     * (the latency passes' decision) with that many decisions in flight, {@code warmUp} unmeasured then {@code step}
     * measured. One engine for every step (a fresh one: its per-node activity cache starts empty); the devices are
     * picked at random among those stored, repeats allowed, so early decisions are mostly a device's first on this
     * engine and later ones more and more again ({@link SaturationStep#firstShare} says the mix). Each step is given
     * to {@code onStep} when measured.
     */
    List<SaturationStep> saturate(String keyspace, int stored, int accounts, List<Integer> inFlights, Duration warmUp, Duration step,
                                  Consumer<SaturationStep> onStep) {
        Preconditions.checkArgument(stored > 0, "no device stored in %s", keyspace);
        try (CqlSession session = session(keyspace)) {
            ClientIdPolicyEngine engine = engine(session, history(session));
            Random random = new Random(7);
            BitSet decided = new BitSet(stored);
            AtomicLong firsts = new AtomicLong();
            // Called by the loop for one decision at a time: the picks and the BitSet need no lock.
            Supplier<Mono<Boolean>> nextDecision = () -> {
                int pick = random.nextInt(stored);
                if (!decided.get(pick)) {
                    decided.set(pick);
                    firsts.incrementAndGet();
                }
                return engine.decide(attempt(pick, accounts))
                    .map(decision -> decision.getReason() == PolicyDecision.Reason.OK);
            };
            Duration timeout = Duration.ofSeconds(SATURATION_DECISION_TIMEOUT_SECONDS);
            long self = ProcessHandle.current().pid();
            List<SaturationStep> steps = new ArrayList<>();
            for (int inFlight : inFlights) {
                ClosedLoop.run(inFlight, warmUp, timeout, nextDecision);
                firsts.set(0);
                long clientCpuBefore = cpu.cpuNanos(self);
                long cassandraCpuBefore = cassandraCpuNanos();
                long start = System.nanoTime();
                List<ClosedLoop.Timed> decisions = ClosedLoop.run(inFlight, step, timeout, nextDecision);
                long wallNanos = System.nanoTime() - start;
                long cassandraCpu = cassandraCpuNanos() - cassandraCpuBefore;
                long clientCpu = cpu.cpuNanos(self) - clientCpuBefore;
                long[] nanos = decisions.stream().mapToLong(decision -> decision.nanos).sorted().toArray();
                long ok = decisions.stream().filter(decision -> decision.ok).count();
                double firstShare = decisions.isEmpty() ? 0 : (double) firsts.get() / decisions.size();
                SaturationStep measured = new SaturationStep(stored, inFlight, ok, decisions.size() - ok, firstShare, wallNanos, cassandraCpu,
                    clientCpu, nanos.length == 0 ? Double.NaN : percentileMs(nanos, 0.50), nanos.length == 0 ? Double.NaN : percentileMs(nanos, 0.99));
                onStep.accept(measured);
                steps.add(measured);
            }
            return steps;
        }
    }

    private RoundTrips countedDecisions(RoundTripCounter counter, ClientIdPolicyEngine engine, List<Integer> picks, int accounts,
                                        List<List<Statement<?>>> readsOut) {
        return RoundTrips.count(counter, picks, pick -> decide(engine, pick, accounts), returned -> readsOut.add(counter.readsAnsweredBy(returned)));
    }

    /**
     * Each decision's reads, as the engine sent them (same statements, same values), sent together on the bare
     * session and waited for: the floor for a decision again, "the same reads sent without the engine". Replayed in
     * turn until {@code samples} are timed.
     */
    private static long[] timedSameReads(CqlSession session, List<List<Statement<?>>> reads, int samples) {
        Preconditions.checkArgument(!reads.isEmpty(), "no decision counted");
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            List<Statement<?>> decision = reads.get(i % reads.size());
            nanos[i] = nanosOf(() -> sentTogether(session, decision));
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /**
     * {@code statements} sent at once, and all answered.
     */
    private static void sentTogether(CqlSession session, List<Statement<?>> statements) {
        CompletableFuture<?>[] responses = statements.stream()
            .map(statement -> session.executeAsync(statement).toCompletableFuture())
            .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(responses).join();
    }

    private long cassandraCpuNanos() {
        return cassandraPids.stream().mapToLong(cpu::cpuNanos).sum();
    }

    private CqlSession session(String keyspace) {
        ProgrammaticDriverConfigLoaderBuilder configuration = DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, TestCqlSessions.LOCAL_DATACENTER)
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, TestCqlSessions.REQUEST_TIMEOUT)
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ZERO)
            .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
            .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
        consistency.ifPresent(level -> configuration.withString(DefaultDriverOption.REQUEST_CONSISTENCY, level.name()));
        return CqlSession.builder()
            .addContactPoints(contactPoints)
            .withLocalDatacenter(TestCqlSessions.LOCAL_DATACENTER)
            .withKeyspace(keyspace)
            .withConfigLoader(configuration.build())
            .build();
    }

    /**
     * Waits, up to {@code limit}, until Cassandra has no compaction nor flush running or pending three polls in a
     * row (its virtual tables tell; the benchmark has no JMX).
     */
    private static void awaitNoCompactionNorFlush(CqlSession session, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int quietPolls = 0;
        while (quietPolls < 3 && System.nanoTime() < deadline) {
            long sstableTasks = session.execute("SELECT keyspace_name FROM system_views.sstable_tasks").all().size();
            long poolTasks = session.execute("SELECT name, active_tasks, pending_tasks FROM system_views.thread_pools").all().stream()
                .filter(row -> row.getString("name").startsWith("Compaction") || row.getString("name").startsWith("MemtableFlush"))
                .mapToLong(row -> row.getInt("active_tasks") + row.getInt("pending_tasks"))
                .sum();
            quietPolls = sstableTasks + poolTasks == 0 ? quietPolls + 1 : 0;
            sleep(1000);
        }
    }

    /**
     * One decision per pick, one at a time: the time of each, sorted.
     */
    private long[] timedDecisions(ClientIdPolicyEngine engine, List<Integer> picks, int accounts) {
        return timedEach(picks, pick -> decide(engine, pick, accounts));
    }

    /**
     * One prepared single-row read of each pick's device row (with {@code withBlock}, and of its block, both sent at
     * once), one pick at a time, through the same driver and Cassandra but without the engine or the store: the round
     * trip every decision pays at least, on this machine. The time of each, sorted.
     */
    private long[] timedBareReads(CqlSession session, List<Integer> picks, int accounts, boolean withBlock) {
        BareReads bareReads = new BareReads(session);
        long[] nanos = new long[picks.size()];
        for (int i = 0; i < picks.size(); i++) {
            nanos[i] = bareReads.time(picks.get(i), accounts, withBlock);
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /**
     * See {@link Paired}. The decisions' engine is fresh: the first decision is each device's first on this node.
     */
    private Paired pairedPass(CqlSession session, List<Integer> picks, List<Integer> bareReadPicks, List<List<Statement<?>>> sameReads,
                              int accounts) {
        Preconditions.checkArgument(!sameReads.isEmpty(), "no decision counted");
        ClientIdPolicyEngine engine = engine(session, history(session));
        BareReads bareReads = new BareReads(session);
        int samples = picks.size();
        long[] first = new long[samples];
        long[] bareRead = new long[samples];
        long[] again = new long[samples];
        long[] same = new long[samples];
        for (int i = 0; i < samples; i++) {
            int pick = picks.get(i);
            first[i] = nanosOf(() -> decide(engine, pick, accounts));
            bareRead[i] = bareReads.time(bareReadPicks.get(i % bareReadPicks.size()), accounts, false);
            again[i] = nanosOf(() -> decide(engine, pick, accounts));
            List<Statement<?>> reads = sameReads.get(i % sameReads.size());
            same[i] = nanosOf(() -> sentTogether(session, reads));
        }
        return new Paired(first, bareRead, again, same);
    }

    /**
     * The bare reads' prepared statements, for one session.
     */
    private final class BareReads {
        private final CqlSession session;
        private final PreparedStatement readDevice;
        private final PreparedStatement readBlock;

        BareReads(CqlSession session) {
            this.session = session;
            this.readDevice = session.prepare(selectFrom(CassandraDeviceTable.TABLE_NAME).all()
                .whereColumn(CassandraDeviceTable.USERNAME).isEqualTo(bindMarker(CassandraDeviceTable.USERNAME))
                .whereColumn(CassandraDeviceTable.DEVICE_ID).isEqualTo(bindMarker(CassandraDeviceTable.DEVICE_ID))
                .build());
            this.readBlock = session.prepare(selectFrom(CassandraDeviceBlockTable.TABLE_NAME).all()
                .whereColumn(CassandraDeviceBlockTable.DEVICE_ID).isEqualTo(bindMarker(CassandraDeviceBlockTable.DEVICE_ID))
                .build());
        }

        /**
         * The time of one read of {@code pick}'s device row (with {@code withBlock}, and of its block, sent at once).
         */
        long time(int pick, int accounts, boolean withBlock) {
            String deviceId = deviceIds.deviceId(clientId(pick)).asString();
            BoundStatement device = readDevice.bind()
                .setString(CassandraDeviceTable.USERNAME, account(pick, accounts).asString())
                .setString(CassandraDeviceTable.DEVICE_ID, deviceId);
            long start = System.nanoTime();
            CompletableFuture<AsyncResultSet> deviceRead = session.executeAsync(device).toCompletableFuture();
            if (withBlock) {
                session.executeAsync(readBlock.bind().setString(CassandraDeviceBlockTable.DEVICE_ID, deviceId)).toCompletableFuture().join();
            }
            Preconditions.checkState(deviceRead.join().one() != null, "device %s not stored", pick);
            return System.nanoTime() - start;
        }
    }

    /**
     * One decision of a known device, which must be {@code OK}; one answered {@code STORE_UNAVAILABLE} (a read not
     * answered within {@code clientid.store.timeout}, as a busy ring at QUORUM can) is counted and timed as it came: a
     * user would have waited that long.
     */
    private void decide(ClientIdPolicyEngine engine, int device, int accounts) {
        PolicyDecision decision = engine.decide(attempt(device, accounts)).block();
        if (decision != null && decision.getReason() == PolicyDecision.Reason.STORE_UNAVAILABLE) {
            storeUnavailable.incrementAndGet();
            return;
        }
        Preconditions.checkState(decision != null && decision.getReason() == PolicyDecision.Reason.OK,
            "a known device was decided %s", decision);
    }

    private static AuthAttempt attempt(int device, int accounts) {
        return AuthAttempt.builder()
            .username(account(device, accounts))
            .clientId(clientId(device))
            .passwordValid(true)
            .remoteIp("127.0.0.1")
            .at(Instant.now())
            .build();
    }

    private int populate(DeviceHistory history, int devices, int accounts, Instant deadline) {
        AtomicLong saved = new AtomicLong();
        Instant now = Instant.now();
        Flux.range(0, devices)
            .takeWhile(i -> Instant.now().isBefore(deadline))
            .flatMap(i -> {
                ClientId clientId = clientId(i);
                return history.devices().add(account(i, accounts), Device.builder()
                        .id(deviceIds.deviceId(clientId))
                        .type(clientId.getType())
                        .hint(DeviceIdFactory.hint(clientId))
                        .status(StatusChange.trusted(Actor.ADMINISTRATOR, now))
                        .firstSeen(now)
                        .build())
                    // A node of a busy ring may not acknowledge in time: the save writes the same row again.
                    .retryWhen(Retry.backoff(POPULATE_RETRIES, Duration.ofMillis(200))
                        .filter(error -> error instanceof WriteTimeoutException))
                    .doOnSuccess(any -> saved.incrementAndGet());
            }, POPULATE_IN_FLIGHT)
            .blockLast();
        // takeWhile stops emitting at some index and flatMap completes every save emitted: indexes 0..count-1 are stored.
        return (int) saved.get();
    }






    private static DeviceHistory history(CqlSession session) {
        return new DeviceHistory(new CassandraDeviceRepository(session, PendingDeviceLimits.DEFAULT), new CassandraDeviceActivityRepository(session),
            new CassandraBlockRepository(session), new CassandraAccountPolicyRepository(session),
            new CassandraDeviceUseRepository(new CassandraDeviceUseDAO(session), CassandraDeviceHistoryConfiguration.DEFAULT));
    }

    private ClientIdPolicyEngine engine(CqlSession session, DeviceHistory history) {
        Duration retention = CassandraDeviceHistoryConfiguration.DEFAULT.getRetention();
        return new ClientIdPolicyEngine(history, new CassandraFailureCounters(new CassandraFailureDAO(session), retention),
            new CassandraThrottles(new CassandraThrottleDAO(session), retention),
            new CassandraPasswordOnlySignIns(new CassandraPasswordOnlySignInDAO(session)), new LastKnownPolicies(),
            username -> Mono.just(true), policy, deviceIds, ImmutableSet.of(), new DropWizardMetricFactory(new MetricRegistry()));
    }
}

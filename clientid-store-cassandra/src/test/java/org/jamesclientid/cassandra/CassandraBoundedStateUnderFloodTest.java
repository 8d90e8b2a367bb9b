package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.james.backends.cassandra.components.CassandraTable;
import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jamesclientid.cassandra.tables.CassandraAccountDeviceUseTable;
import org.jamesclientid.cassandra.tables.CassandraAccountPolicyTable;
import org.jamesclientid.cassandra.tables.CassandraDailyNoticeTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceActivityTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceBlockTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceTable;
import org.jamesclientid.cassandra.tables.CassandraDeviceUseTable;
import org.jamesclientid.cassandra.tables.CassandraFailureTable;
import org.jamesclientid.cassandra.tables.CassandraPasswordOnlySignInTable;
import org.jamesclientid.cassandra.tables.CassandraRecentNoticeTable;
import org.jamesclientid.cassandra.tables.CassandraReplyCodeTable;
import org.jamesclientid.cassandra.tables.CassandraThrottleTable;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.policy.AuthAttempt;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.ClientIdPolicyEngine;
import org.jamesclientid.policy.DeviceLimit;
import org.jamesclientid.policy.LastKnownPolicies;
import org.jamesclientid.policy.PolicyConfigurations;
import org.jamesclientid.policy.PolicyDecision;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue 13, point 4, on Cassandra: the 100,000 sign-in attempts of {@code BoundedStateUnderFloodTest} (random tokens,
 * half of the usernames made up, random addresses, wrong passwords, enforce) through the engine's AUTH path on the
 * Cassandra store, several at once. Then every CLIENTID table is read in full and its rows held against the bound
 * docs/cassandra.md ("Bounded storage") gives, computed from the configured limits and the attempts actually sent:
 * what stays grows with the attempts an attacker's rate lets through the limits, never with the names they make up.
 * The figures are printed for docs/cassandra.md.
 */
class CassandraBoundedStateUnderFloodTest {
    private static final int ATTEMPTS = 100_000;
    private static final int ACCOUNTS = 100;
    /**
     * Attempts in flight at once. Each one read its throttles before the others' failures were counted, so up to this
     * many can pass a limit that is being reached: the bounds add it to each limit's threshold.
     */
    private static final int CONCURRENCY = 32;
    private static final int PAGE_SIZE = 5000;
    private static final Duration SETTLE_POLL = Duration.ofSeconds(2);
    private static final Duration SETTLE_AT_MOST = Duration.ofMinutes(2);

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @BeforeAll
    static void createTables() {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
    }

    /**
     * One attempt as the attacker plans it; its time is taken when it is sent.
     */
    private static final class Planned {
        private final Username username;
        private final boolean knownAccount;
        private final String token;
        private final String address;

        private Planned(Username username, boolean knownAccount, String token, String address) {
            this.username = username;
            this.knownAccount = knownAccount;
            this.token = token;
            this.address = address;
        }

        AuthAttempt at(Instant now) {
            return AuthAttempt.builder()
                .username(username)
                .clientId(Optional.of(ClientId.of("UUID", token)))
                .passwordValid(false)
                .remoteIp(address)
                .at(now)
                .build();
        }
    }

    @Test
    void floodOfRandomTokensAndNamesShouldLeaveEveryTableWithinTheDocumentedBound() {
        CqlSession session = cassandra.getSession();
        // A loaded machine's slow reads must not turn attempts into store failures that write nothing: the bound is
        // about what the refused attempts write.
        ClientIdPolicyConfiguration policy = PolicyConfigurations.policy("clientid.mode=enforce", "clientid.store.timeout=60s");
        Duration retention = ClientIdCassandraModule.retention(CassandraDeviceHistoryConfiguration.DEFAULT_RETENTION, policy);
        DeviceHistory history = CassandraDeviceHistoryFixture.create(session, CassandraDeviceHistoryConfiguration.of(retention),
            policy.getPendingDeviceLimits());
        Set<Username> accounts = IntStream.range(0, ACCOUNTS)
            .mapToObj(i -> Username.of("user" + i + "@example.com"))
            .collect(ImmutableSet.toImmutableSet());
        ClientIdPolicyEngine engine = new ClientIdPolicyEngine(history,
            new CassandraFailureCounters(new CassandraFailureDAO(session), retention),
            new CassandraThrottles(new CassandraThrottleDAO(session), retention),
            new CassandraPasswordOnlySignIns(new CassandraPasswordOnlySignInDAO(session)),
            new LastKnownPolicies(), username -> Mono.just(accounts.contains(username)), policy,
            DeviceIdFactory.withSecret(PolicyConfigurations.SECRET), Set.of(), new RecordingMetricFactory());
        List<Planned> attempts = plan(new Random(42));

        Map<String, AtomicLong> decisions = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Flux.fromIterable(attempts)
            .flatMap(planned -> engine.decide(planned.at(Instant.now())), CONCURRENCY)
            .doOnNext(decision -> decisions.computeIfAbsent(decision.getOutcome() + " " + decision.getReason(), any -> new AtomicLong())
                .incrementAndGet())
            .blockLast();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Long> rows = settledRowCounts(session);

        Map<String, Bound> bounds = bounds(attempts, policy, elapsed);
        System.out.printf("BOUNDED cassandra attempts=%d accounts=%d concurrency=%d seconds=%.1f attemptsPerSecond=%.0f decisions=%s%n",
            ATTEMPTS, ACCOUNTS, CONCURRENCY, elapsed.toMillis() / 1000.0, ATTEMPTS * 1000.0 / elapsed.toMillis(), decisions);
        bounds.forEach((table, bound) -> System.out.printf("BOUNDED cassandra table=%s rows=%d bound=%d (%s)%n",
            table, rows.get(table), bound.rows, bound.why));

        // Every attempt was refused by the store's answer, none by its absence: what the tables hold is what refused
        // attempts write.
        assertThat(decisions.keySet()).allMatch(decision -> decision.startsWith(PolicyDecision.Outcome.DENY.name()));
        // A table added without a bound here fails the test rather than go unmeasured.
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(bounds.keySet());
        bounds.forEach((table, bound) -> assertThat(rows.get(table)).as("rows of %s (%s)", table, bound.why)
            .isLessThanOrEqualTo(bound.rows));
        // A name James does not know gets no row under it, in any table keyed by account.
        assertThat(accountsWithRows(session)).isSubsetOf(accounts);
    }

    /**
     * Half the attempts name one of the accounts, half a made-up name; every token and nearly every address is new.
     */
    private static List<Planned> plan(Random random) {
        return IntStream.range(0, ATTEMPTS)
            .mapToObj(i -> {
                boolean knownAccount = random.nextBoolean();
                Username username = knownAccount
                    ? Username.of("user" + random.nextInt(ACCOUNTS) + "@example.com")
                    : Username.of("made-up-" + random.nextLong() + "@example.com");
                return new Planned(username, knownAccount, "random-" + random.nextLong(),
                    "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
            })
            .collect(Collectors.toList());
    }

    private static final class Bound {
        private final long rows;
        private final String why;

        private Bound(long rows, String why) {
            this.rows = rows;
            this.why = why;
        }
    }

    /**
     * docs/cassandra.md, "Bounded storage", for this flood: every row lives longer than the run, so a table holds at
     * most the writes of the attempts the limits let through, capped where the docs give a cap.
     */
    private static Map<String, Bound> bounds(List<Planned> attempts, ClientIdPolicyConfiguration policy, Duration elapsed) {
        DeviceLimit accountLimit = policy.getAccountFailureLimit();
        // An account's throttle refuses its unknown devices for blockDuration once threshold failures are counted
        // (plus the attempts already in flight); after it ends, as many again.
        long throttlePeriods = 1 + elapsed.toMillis() / accountLimit.getBlockDuration().toMillis();
        long passingPerAccount = (accountLimit.getThreshold() + CONCURRENCY) * throttlePeriods;
        Map<Username, Long> perAccount = countBy(attempts.stream().filter(planned -> planned.knownAccount), planned -> planned.username);
        long passingKnown = perAccount.values().stream().mapToLong(count -> Math.min(count, passingPerAccount)).sum();
        long madeUp = attempts.stream().filter(planned -> !planned.knownAccount).count();
        long accountsThrottled = perAccount.values().stream().filter(count -> count >= accountLimit.getThreshold()).count();
        long addressesThrottled = countBy(attempts.stream(), planned -> planned.address).values().stream()
            .filter(count -> count >= policy.getAddressFailureLimit().getThreshold())
            .count();
        Map<String, Long> perToken = countBy(attempts.stream(), planned -> planned.token);
        long devicesThrottledOnAccount = countBy(attempts.stream().filter(planned -> planned.knownAccount),
                planned -> planned.token + " " + planned.username.asString()).values().stream()
            .filter(count -> count >= policy.getFailureLimit().getThreshold())
            .count();
        long devicesBlocked = perToken.values().stream()
            .filter(count -> count >= policy.getAllAccountsFailureLimit().getThreshold()
                || count > policy.getSharedDeviceLimit().getThreshold())
            .count();
        long accountsNamed = perAccount.size();
        int pendingCap = policy.getPendingDeviceLimits().getPerAccount();

        String passing = passingKnown + " attempts on known accounts that the account throttle let through ("
            + accountLimit.getThreshold() + " + " + CONCURRENCY + " in flight, x " + throttlePeriods + " throttle periods, per account)";
        return ImmutableMap.<String, Bound>builder()
            .put(CassandraDeviceTable.TABLE_NAME, new Bound(Math.min(passingKnown, accountsNamed * pendingCap),
                "pending devices: " + accountsNamed + " accounts x clientid.pending.perAccount " + pendingCap))
            .put(CassandraDeviceActivityTable.TABLE_NAME, new Bound(passingKnown, "one per pending device added, expiring with "
                + "it: " + passing))
            .put(CassandraDeviceUseTable.TABLE_NAME, new Bound(passingKnown, "one per device and known account: " + passing))
            .put(CassandraAccountDeviceUseTable.TABLE_NAME, new Bound(passingKnown, "one per device and known account: " + passing))
            .put(CassandraFailureTable.TABLE_NAME, new Bound(2 * madeUp + 4 * passingKnown, "device and address for each of "
                + madeUp + " attempts on made-up names; device, device on account, account and address for each of the " + passing))
            .put(CassandraThrottleTable.TABLE_NAME, new Bound(accountsThrottled + addressesThrottled + devicesThrottledOnAccount,
                "one per key over its limit: " + accountsThrottled + " accounts, " + addressesThrottled + " addresses, "
                    + devicesThrottledOnAccount + " devices on an account"))
            .put(CassandraDeviceBlockTable.TABLE_NAME, new Bound(devicesBlocked, "automatic blocks: devices over the "
                + "every-account failure limit or the shared-device limit"))
            .put(CassandraAccountPolicyTable.TABLE_NAME, new Bound(0, "administrators only"))
            .put(CassandraPasswordOnlySignInTable.TABLE_NAME, new Bound(0, "successful sign-ins without CLIENTID only"))
            .put(CassandraRecentNoticeTable.TABLE_NAME, new Bound(devicesThrottledOnAccount + devicesBlocked,
                "a wrong password is noticed only when it stops a device on its account"))
            .put(CassandraDailyNoticeTable.TABLE_NAME, new Bound(devicesThrottledOnAccount + devicesBlocked,
                "a wrong password is noticed only when it stops a device on its account"))
            .put(CassandraReplyCodeTable.TABLE_NAME, new Bound(devicesThrottledOnAccount + devicesBlocked,
                "reply codes come with notices about a device"))
            .build();
    }

    private static <T, K> Map<K, Long> countBy(Stream<T> items, Function<T, K> key) {
        Map<K, Long> counts = new HashMap<>();
        items.forEach(item -> counts.merge(key.apply(item), 1L, Long::sum));
        return counts;
    }

    /**
     * The activity and the uses are written after the decision, without the reply waiting: counted once two reads in
     * a row agree.
     */
    private static Map<String, Long> settledRowCounts(CqlSession session) {
        Map<String, Long> previous = rowCounts(session);
        Instant giveUp = Instant.now().plus(SETTLE_AT_MOST);
        while (Instant.now().isBefore(giveUp)) {
            sleep(SETTLE_POLL);
            Map<String, Long> current = rowCounts(session);
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        throw new AssertionError("Row counts still changing after " + SETTLE_AT_MOST + ": " + previous);
    }

    /**
     * A full scan of every CLIENTID table, paged by the driver (a test keyspace: no COUNT timing out on the server).
     */
    private static Map<String, Long> rowCounts(CqlSession session) {
        return CassandraDeviceHistoryTables.MODULE.moduleTables().stream()
            .map(CassandraTable::getName)
            .collect(ImmutableMap.toImmutableMap(Function.identity(), table -> {
                long count = 0;
                for (Row ignored : scan(session, "SELECT * FROM " + table)) {
                    count++;
                }
                return count;
            }));
    }

    /**
     * Every account some row is kept under: the tables with a username, and the account limit keys.
     */
    private static Set<Username> accountsWithRows(CqlSession session) {
        Set<Username> found = new HashSet<>();
        for (String table : List.of(CassandraDeviceTable.TABLE_NAME, CassandraDeviceActivityTable.TABLE_NAME,
                CassandraDeviceUseTable.TABLE_NAME, CassandraAccountDeviceUseTable.TABLE_NAME, CassandraAccountPolicyTable.TABLE_NAME,
                CassandraPasswordOnlySignInTable.TABLE_NAME, CassandraRecentNoticeTable.TABLE_NAME, CassandraDailyNoticeTable.TABLE_NAME,
                CassandraReplyCodeTable.TABLE_NAME)) {
            scan(session, "SELECT username FROM " + table)
                .forEach(row -> found.add(Username.of(row.getString("username"))));
        }
        for (String table : List.of(CassandraFailureTable.TABLE_NAME, CassandraThrottleTable.TABLE_NAME)) {
            scan(session, "SELECT owner, limit_key FROM " + table).forEach(row -> {
                LimitKey key = LimitKey.parse(row.getString("owner"), row.getString("limit_key"));
                if (key.scope() == LimitKey.Scope.ACCOUNT || key.scope() == LimitKey.Scope.DEVICE_ON_ACCOUNT) {
                    found.add(Username.of(key.subject()));
                }
            });
        }
        return found;
    }

    private static Iterable<Row> scan(CqlSession session, String query) {
        return session.execute(SimpleStatement.newInstance(query).setPageSize(PAGE_SIZE));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

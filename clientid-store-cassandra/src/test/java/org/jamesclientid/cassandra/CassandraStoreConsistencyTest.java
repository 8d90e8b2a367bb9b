package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.activity.PasswordOnlySignInsContract;
import org.jamesclientid.device.AccountPolicyRepository;
import org.jamesclientid.device.AccountPolicyRepositoryContract;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.BlockRepositoryContract;
import org.jamesclientid.device.DeviceActivityRepository;
import org.jamesclientid.device.DeviceActivityRepositoryContract;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.DeviceRepositoryContract;
import org.jamesclientid.device.DeviceUseRepository;
import org.jamesclientid.device.DeviceUseRepositoryContract;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.FailureCountersContract;
import org.jamesclientid.limit.Throttles;
import org.jamesclientid.limit.ThrottlesContract;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.jamesclientid.testing.cassandra.TestCqlSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;

/**
 * Every statement of the store runs at the levels James' driver configuration gives it: the contracts of the store's
 * parts run on a session that records each request, and after each test no request carries a consistency of its
 * own, and only reads may carry a profile: James' LWT profile, to see lightweight transactions' outcome. A
 * consistency set in a DAO would override the operator's configuration (QUORUM in James' own), which the cluster's
 * guarantees rest on (docs/cassandra.md, "Consistency").
 */
class CassandraStoreConsistencyTest {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    static final RecordingRequestTracker TRACKER = new RecordingRequestTracker();
    static CqlSession session;

    @BeforeAll
    static void openSession() {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
        session = TestCqlSessions.builder(cassandra.getCassandra().contactPoint())
            .withKeyspace(cassandra.getKeyspace())
            .withRequestTracker(TRACKER)
            .build();
    }

    @AfterAll
    static void closeSession() {
        session.close();
    }

    @AfterEach
    void everyStatementShouldRunAtTheLevelsOfJamesConfiguration() {
        List<Recorded> requests = TRACKER.takeAll();
        DriverExecutionProfile lwt = ClientIdExecutionProfiles.lwt(session);
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.consistency).as("consistency set on %s", request.query).isEmpty();
            assertThat(request.serialConsistency).as("serial consistency set on %s", request.query).isEmpty();
        });
        // Conditional writes too: their commit and Paxos levels are the default profile's (the LWT profile's SERIAL
        // is refused as a commit level).
        assertThat(requests.stream().filter(request -> !request.isRead()))
            .allSatisfy(request -> assertThat(request.profile).as("execution profile set on %s", request.query).isEmpty());
        // A read either at the default profile or, to see lightweight transactions' outcome, at James' LWT profile.
        assertThat(requests.stream().filter(request -> request.isRead() && request.profile.isPresent()))
            .allSatisfy(request -> {
                assertThat(request.effectiveConsistency).as("consistency of %s", request.query)
                    .isEqualTo(lwt.getString(DefaultDriverOption.REQUEST_CONSISTENCY));
                assertThat(request.effectiveSerialConsistency).as("serial consistency of %s", request.query)
                    .isEqualTo(lwt.getString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY));
            });
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class DeviceStatements implements DeviceRepositoryContract {
        @Override
        public DeviceRepository testee() {
            return testee(PendingDeviceLimits.DEFAULT);
        }

        @Override
        public DeviceRepository testee(PendingDeviceLimits limits) {
            return new CassandraDeviceRepository(session, limits);
        }

        @Override
        public void letTimePass(Duration duration) {
            sleep(duration);
        }
    }

    @Nested
    class ActivityStatements implements DeviceActivityRepositoryContract {
        @Override
        public DeviceActivityRepository testee() {
            return new CassandraDeviceActivityRepository(session);
        }

        @Override
        public void letTimePass(Duration duration) {
            sleep(duration);
        }
    }

    @Nested
    class BlockStatements implements BlockRepositoryContract {
        @Override
        public BlockRepository testee() {
            return new CassandraBlockRepository(session);
        }

        @Override
        public Instant now() {
            return Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }

        @Override
        public void letTimePass(Duration duration) {
            sleep(duration);
        }
    }

    @Nested
    class PolicyStatements implements AccountPolicyRepositoryContract {
        @Override
        public AccountPolicyRepository testee() {
            return new CassandraAccountPolicyRepository(session);
        }
    }

    @Nested
    class UseStatements implements DeviceUseRepositoryContract {
        @Override
        public DeviceUseRepository testee() {
            return testee(Duration.ofHours(1));
        }

        @Override
        public DeviceUseRepository testee(Duration retention) {
            return new CassandraDeviceUseRepository(new CassandraDeviceUseDAO(session), CassandraDeviceHistoryConfiguration.of(retention));
        }

        @Override
        public void letTimePass(Duration duration) {
            sleep(duration);
        }
    }

    @Nested
    class FailureCounterStatements implements FailureCountersContract {
        private final CassandraFailureCounters counters = new CassandraFailureCounters(new CassandraFailureDAO(session),
            CassandraDeviceHistoryConfiguration.DEFAULT_RETENTION);

        @Override
        public FailureCounters failureCounters() {
            return counters;
        }
    }

    @Nested
    class ThrottleStatements implements ThrottlesContract {
        private final CassandraThrottles throttles = new CassandraThrottles(new CassandraThrottleDAO(session),
            CassandraDeviceHistoryConfiguration.DEFAULT_RETENTION);

        @Override
        public Throttles throttles() {
            return throttles;
        }
    }

    @Nested
    class PasswordOnlySignInStatements implements PasswordOnlySignInsContract {
        private final CassandraPasswordOnlySignIns signIns = new CassandraPasswordOnlySignIns(new CassandraPasswordOnlySignInDAO(session));

        @Override
        public PasswordOnlySignIns passwordOnlySignIns() {
            return signIns;
        }
    }

    static final class Recorded {
        final String query;
        final Optional<String> consistency;
        final Optional<String> serialConsistency;
        final Optional<String> profile;
        final String effectiveConsistency;
        final String effectiveSerialConsistency;

        Recorded(Statement<?> statement, DriverExecutionProfile effective) {
            this.query = query(statement);
            this.consistency = Optional.ofNullable(statement.getConsistencyLevel()).map(Object::toString);
            this.serialConsistency = Optional.ofNullable(statement.getSerialConsistencyLevel()).map(Object::toString);
            this.profile = Optional.ofNullable(statement.getExecutionProfileName())
                .or(() -> Optional.ofNullable(statement.getExecutionProfile()).map(DriverExecutionProfile::getName));
            this.effectiveConsistency = effective.getString(DefaultDriverOption.REQUEST_CONSISTENCY);
            this.effectiveSerialConsistency = effective.getString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY);
        }

        boolean isRead() {
            return query.trim().toUpperCase(Locale.ROOT).startsWith("SELECT");
        }

        private static String query(Statement<?> statement) {
            if (statement instanceof SimpleStatement) {
                return ((SimpleStatement) statement).getQuery();
            }
            if (statement instanceof BoundStatement) {
                return ((BoundStatement) statement).getPreparedStatement().getQuery();
            }
            if (statement instanceof BatchStatement) {
                return StreamSupport.stream(((BatchStatement) statement).spliterator(), false)
                    .map(inner -> query((BatchableStatement<?>) inner))
                    .collect(Collectors.joining("; ", "BATCH ", ""));
            }
            return statement.toString();
        }
    }

    /**
     * Keeps the store's statements, not the test's own (the keyspace's truncation between tests, James' checks).
     */
    static final class RecordingRequestTracker implements RequestTracker {
        private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

        @Override
        public void onSuccess(Request request, long latencyNanos, DriverExecutionProfile executionProfile, Node node, String logPrefix) {
            record(request, executionProfile);
        }

        @Override
        public void onError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile executionProfile, Node node,
                            String logPrefix) {
            record(request, executionProfile);
        }

        private void record(Request request, DriverExecutionProfile executionProfile) {
            if (request instanceof Statement) {
                recorded.add(new Recorded((Statement<?>) request, executionProfile));
            }
        }

        List<Recorded> takeAll() {
            List<Recorded> all = List.copyOf(recorded);
            recorded.clear();
            return all;
        }

        @Override
        public void close() {
        }
    }
}

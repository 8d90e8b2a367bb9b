package org.jamesclientid.cassandra;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.inject.Named;
import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.util.DurationParser;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.alert.MemoryNoticeLimits;
import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.device.AccountPolicyRepository;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.DeviceActivityRepository;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.DeviceUseRepository;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.guice.ClientIdPolicyModule;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.Throttles;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.DeviceLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;

/**
 * CLIENTID with the device history in James' Cassandra keyspace, for the distributed and Cassandra servers. Enable
 * with {@code guice.extension.module=org.jamesclientid.cassandra.ClientIdCassandraModule} in extensions.properties.
 *
 * <p>Uses the {@link CqlSession} James binds (bound to its keyspace) and binds nothing James binds. Creates its
 * tables when missing, before preparing statements. Reads from {@code clientid.properties}:
 * {@code clientid.cassandra.retention} (default 1d, raised to the longest window; failures, device uses and ended
 * throttles are kept that long).</p>
 */
public class ClientIdCassandraModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdCassandraModule.class);
    public static final String RETENTION = "clientid.cassandra.retention";
    /**
     * The session James binds, once the CLIENTID tables exist in its keyspace: statements prepare against it.
     */
    static final String SCHEMA_READY = "clientid-schema-ready";

    @Override
    protected void configure() {
        install(new ClientIdPolicyModule());

        bind(DeviceRepository.class).to(CassandraDeviceRepository.class);
        bind(DeviceActivityRepository.class).to(CassandraDeviceActivityRepository.class);
        bind(BlockRepository.class).to(CassandraBlockRepository.class);
        bind(AccountPolicyRepository.class).to(CassandraAccountPolicyRepository.class);
        bind(DeviceUseRepository.class).to(CassandraDeviceUseRepository.class);
        bind(CassandraDeviceUseRepository.class).in(Scopes.SINGLETON);
        bind(FailureCounters.class).to(CassandraFailureCounters.class);
        bind(Throttles.class).to(CassandraThrottles.class);
        bind(CassandraPasswordOnlySignIns.class).in(Scopes.SINGLETON);
        bind(PasswordOnlySignIns.class).to(CassandraPasswordOnlySignIns.class);
        // Notice limits are counted per node for now (docs/configuration-policy.md): a Cassandra table would share them.
        bind(MemoryNoticeLimits.class).in(Scopes.SINGLETON);
        bind(NoticeLimits.class).to(MemoryNoticeLimits.class);
    }

    @Provides
    @Singleton
    @Named(SCHEMA_READY)
    CqlSession schemaReadySession(CqlSession session) {
        CassandraDeviceHistoryTables.createMissing(session);
        return session;
    }

    @Provides
    @Singleton
    CassandraDeviceRepository devices(@Named(SCHEMA_READY) CqlSession session, PendingDeviceLimits limits) {
        return new CassandraDeviceRepository(session, limits);
    }

    @Provides
    @Singleton
    CassandraDeviceActivityRepository activity(@Named(SCHEMA_READY) CqlSession session) {
        return new CassandraDeviceActivityRepository(session);
    }

    @Provides
    @Singleton
    CassandraBlockRepository blocks(@Named(SCHEMA_READY) CqlSession session) {
        return new CassandraBlockRepository(session);
    }

    @Provides
    @Singleton
    CassandraAccountPolicyRepository policies(@Named(SCHEMA_READY) CqlSession session) {
        return new CassandraAccountPolicyRepository(session);
    }

    @Provides
    @Singleton
    CassandraDeviceUseDAO uses(@Named(SCHEMA_READY) CqlSession session) {
        return new CassandraDeviceUseDAO(session);
    }

    @Provides
    @Singleton
    CassandraFailureCounters failureCounters(@Named(SCHEMA_READY) CqlSession session, CassandraDeviceHistoryConfiguration configuration) {
        return new CassandraFailureCounters(new CassandraFailureDAO(session), configuration.getRetention());
    }

    @Provides
    @Singleton
    CassandraThrottles throttles(@Named(SCHEMA_READY) CqlSession session, CassandraDeviceHistoryConfiguration configuration) {
        return new CassandraThrottles(new CassandraThrottleDAO(session), configuration.getRetention());
    }

    @Provides
    @Singleton
    CassandraPasswordOnlySignInDAO passwordOnlySignInDAO(@Named(SCHEMA_READY) CqlSession session) {
        return new CassandraPasswordOnlySignInDAO(session);
    }

    @Provides
    @Singleton
    CassandraDeviceHistoryConfiguration configuration(@Named(ClientIdPolicyModule.CONFIGURATION_NAME) Configuration properties,
                                                      ClientIdPolicyConfiguration policy) throws ConfigurationException {
        Duration configured = duration(properties, RETENTION, CassandraDeviceHistoryConfiguration.DEFAULT_RETENTION);
        return CassandraDeviceHistoryConfiguration.of(retention(configured, policy));
    }

    static Duration retention(Duration configured, ClientIdPolicyConfiguration policy) {
        Duration needed = windows(policy).max(Comparator.naturalOrder()).orElseThrow();
        if (configured.compareTo(needed) < 0) {
            // Forgetting failures inside the window would let a device try more passwords than the limit.
            LOGGER.warn("CLIENTID: {}={} is shorter than the longest window; using {}", RETENTION, configured, needed);
            return needed;
        }
        return configured;
    }

    /**
     * The windows whose events the store counts: every failure limit's and the shared-device one.
     */
    private static Stream<Duration> windows(ClientIdPolicyConfiguration policy) {
        return Stream.of(policy.getFailureLimit(), policy.getAllAccountsFailureLimit(), policy.getAccountFailureLimit(),
                policy.getAddressFailureLimit(), policy.getSharedDeviceLimit())
            .map(DeviceLimit::getWindow);
    }

    private static Duration duration(Configuration properties, String key, Duration defaultValue) throws ConfigurationException {
        String value = properties.getString(key, null);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return DurationParser.parse(value.trim(), ChronoUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("CLIENTID: " + key + "=" + value + " is not a duration", e);
        }
    }
}

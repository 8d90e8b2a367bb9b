package org.jamesclientid.jdbc;

import java.io.FileNotFoundException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Named;
import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.alert.NoticeLimitsConfiguration;
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
import org.jamesclientid.reply.ReplyCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * CLIENTID with its stores in a relational database, for James' JPA server (single node). Enable with
 * {@code guice.extension.module=org.jamesclientid.jdbc.ClientIdJdbcModule} in extensions.properties.
 *
 * <p>Uses the database of James' {@code james-database.properties}, or the one of {@code clientid.jdbc.*} in
 * {@code clientid.properties} ({@link JdbcConnectionSettings}); creates its tables when missing and sweeps expired
 * rows ({@link JdbcStoreConfiguration}). Binds nothing James binds.</p>
 */
public class ClientIdJdbcModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdJdbcModule.class);
    public static final String JAMES_DATABASE = "james-database";

    @Override
    protected void configure() {
        install(new ClientIdPolicyModule());

        bind(DeviceRepository.class).to(JdbcDeviceRepository.class);
        bind(DeviceActivityRepository.class).to(JdbcDeviceActivityRepository.class);
        bind(DeviceUseRepository.class).to(JdbcDeviceUseRepository.class);
        bind(BlockRepository.class).to(JdbcBlockRepository.class);
        bind(AccountPolicyRepository.class).to(JdbcAccountPolicyRepository.class);
        bind(FailureCounters.class).to(JdbcFailureCounters.class);
        bind(Throttles.class).to(JdbcThrottles.class);
        bind(PasswordOnlySignIns.class).to(JdbcPasswordOnlySignIns.class);
        bind(NoticeLimits.class).to(JdbcNoticeLimits.class);
        bind(ReplyCodes.class).to(JdbcReplyCodes.class);
        bind(JdbcStoreLifecycle.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    JdbcConnectionSettings connectionSettings(@Named(ClientIdPolicyModule.CONFIGURATION_NAME) Configuration properties,
                                              PropertiesProvider propertiesProvider) throws ConfigurationException {
        JdbcConnectionSettings settings = JdbcConnectionSettings.from(properties, jamesDatabase(propertiesProvider));
        LOGGER.info("CLIENTID: stores on {} ({})", settings.getUrl(), settings.getDialect());
        return settings;
    }

    private static Optional<Configuration> jamesDatabase(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            return Optional.of(propertiesProvider.getConfiguration(JAMES_DATABASE));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    @Provides
    @Singleton
    JdbcStoreConfiguration storeConfiguration(@Named(ClientIdPolicyModule.CONFIGURATION_NAME) Configuration properties,
                                              ClientIdPolicyConfiguration policy) throws ConfigurationException {
        return JdbcStoreConfiguration.from(properties, longestWindow(policy));
    }

    /**
     * The windows whose events the stores count: every failure limit's and the shared-device one.
     */
    static Duration longestWindow(ClientIdPolicyConfiguration policy) {
        return Stream.of(policy.getFailureLimit(), policy.getAllAccountsFailureLimit(), policy.getAccountFailureLimit(),
                policy.getAddressFailureLimit(), policy.getSharedDeviceLimit())
            .map(DeviceLimit::getWindow)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    }

    /**
     * Once its tables exist: every store gets its connections from here.
     */
    @Provides
    @Singleton
    JdbcConnections connections(JdbcConnectionSettings settings, JdbcStoreConfiguration configuration) throws SQLException {
        JdbcConnections connections = new JdbcConnections(settings, configuration.getMaxConnections());
        JdbcTables.createMissing(connections);
        return connections;
    }

    @Provides
    @Singleton
    JdbcExpirySweep sweep(JdbcConnections connections, Clock clock, JdbcStoreConfiguration configuration) {
        JdbcExpirySweep sweep = new JdbcExpirySweep(connections, clock);
        sweep.start(configuration.getSweepInterval());
        return sweep;
    }

    @Provides
    @Singleton
    JdbcExecutor executor(JdbcConnections connections) {
        return new JdbcExecutor(connections);
    }

    @Provides
    @Singleton
    JdbcDeviceRepository devices(JdbcExecutor executor, Clock clock, PendingDeviceLimits limits) {
        return new JdbcDeviceRepository(executor, clock, limits);
    }

    @Provides
    @Singleton
    JdbcDeviceActivityRepository activity(JdbcExecutor executor, Clock clock) {
        return new JdbcDeviceActivityRepository(executor, clock);
    }

    /**
     * Uses are kept for the retention: at least the shared-device window, and a day by default for
     * {@code GET /clientid/devices/{id}/users}.
     */
    @Provides
    @Singleton
    JdbcDeviceUseRepository uses(JdbcExecutor executor, Clock clock, JdbcStoreConfiguration configuration) {
        return new JdbcDeviceUseRepository(executor, clock, configuration.getRetention());
    }

    @Provides
    @Singleton
    JdbcBlockRepository blocks(JdbcExecutor executor, Clock clock) {
        return new JdbcBlockRepository(executor, clock);
    }

    @Provides
    @Singleton
    JdbcAccountPolicyRepository policies(JdbcExecutor executor) {
        return new JdbcAccountPolicyRepository(executor);
    }

    @Provides
    @Singleton
    JdbcFailureCounters failureCounters(JdbcExecutor executor, Clock clock, JdbcStoreConfiguration configuration) {
        return new JdbcFailureCounters(executor, clock, configuration.getRetention());
    }

    @Provides
    @Singleton
    JdbcThrottles throttles(JdbcExecutor executor, Clock clock, JdbcStoreConfiguration configuration) {
        return new JdbcThrottles(executor, clock, configuration.getRetention());
    }

    @Provides
    @Singleton
    JdbcPasswordOnlySignIns passwordOnlySignIns(JdbcExecutor executor, Clock clock) {
        return new JdbcPasswordOnlySignIns(executor, clock);
    }

    @Provides
    @Singleton
    JdbcReplyCodes replyCodes(JdbcExecutor executor, Clock clock) {
        return new JdbcReplyCodes(executor, clock);
    }

    @Provides
    @Singleton
    JdbcNoticeLimits noticeLimits(JdbcExecutor executor, NoticeLimitsConfiguration configuration, Clock clock) {
        return new JdbcNoticeLimits(executor, configuration, clock);
    }
}

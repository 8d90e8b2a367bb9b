package org.jamesclientid.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.MailetContext;
import org.apache.james.utils.PropertiesProvider;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.device.AccountPolicyRepository;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceActivityRepository;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.DeviceUseRepository;
import org.jamesclientid.guice.ClientIdPolicyModule;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;
import org.jamesclientid.limit.Throttles;
import org.jamesclientid.policy.AlertListener;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.PolicyConfigurations;
import org.jamesclientid.reply.ReplyAction;
import org.jamesclientid.reply.ReplyCodes;
import org.jamesclientid.reply.ReplyGrant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.common.collect.ImmutableSet;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import com.google.inject.util.Modules;

/**
 * The module on a James conf folder: it finds James' {@code james-database.properties} as James' JPA server does
 * (through James' {@link PropertiesProvider}), creates its tables in that database, and binds every store to it.
 */
class ClientIdJdbcModuleTest {
    private static final Username ALICE = Username.of("alice@example.com");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @TempDir
    Path workingDirectory;

    private String derbyUrl(String name) {
        return "jdbc:derby:" + workingDirectory.resolve(name).toAbsolutePath() + ";create=true";
    }

    private void jamesDatabaseProperties(String url) throws IOException {
        Path conf = Files.createDirectories(workingDirectory.resolve("conf"));
        Files.writeString(conf.resolve("james-database.properties"), String.join("\n",
            "database.driverClassName=org.apache.derby.jdbc.EmbeddedDriver",
            "database.url=" + url,
            "database.username=app",
            "database.password=app",
            "vendorAdapter.database=DERBY"), StandardCharsets.UTF_8);
    }

    private Injector injector(String... clientIdProperties) throws IOException {
        Files.createDirectories(workingDirectory.resolve("conf"));
        String[] lines = new String[clientIdProperties.length + 1];
        lines[0] = ClientIdPolicyConfiguration.SECRET + "=" + PolicyConfigurations.SECRET;
        System.arraycopy(clientIdProperties, 0, lines, 1, clientIdProperties.length);
        Configuration properties = PolicyConfigurations.properties(lines);
        org.apache.james.server.core.configuration.Configuration james = org.apache.james.server.core.configuration.Configuration.builder()
            .workingDirectory(workingDirectory.toFile())
            .build();
        PropertiesProvider propertiesProvider = new PropertiesProvider(new FileSystemImpl(james.directories()), james.configurationPath());
        return Guice.createInjector(Modules.override(new ClientIdJdbcModule()).with(binder -> {
            binder.bind(PropertiesProvider.class).toInstance(propertiesProvider);
            binder.bind(Clock.class).toInstance(Clock.systemUTC());
            // What James binds and the policy engine takes: not under test here.
            binder.bind(MetricFactory.class).toInstance(new RecordingMetricFactory());
            binder.bind(new TypeLiteral<Set<AlertListener>>() { }).toInstance(ImmutableSet.of());
            binder.bind(MailboxManager.class).toInstance((MailboxManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MailboxManager.class}, (proxy, method, arguments) -> {
                    throw new IllegalStateException("The mailbox manager is not under test here");
                }));
            // James' mailet context, for the replies to notices: never called here.
            binder.bind(MailetContext.class).toInstance((MailetContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MailetContext.class}, (proxy, method, arguments) -> {
                    throw new IllegalStateException("The mailet context is not under test here");
                }));
            binder.bind(UsersRepository.class).toInstance((UsersRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {UsersRepository.class}, (proxy, method, arguments) -> {
                    throw new IllegalStateException("The users repository is not under test here");
                }));
            binder.bind(Configuration.class).annotatedWith(Names.named(ClientIdPolicyModule.CONFIGURATION_NAME)).toInstance(properties);
        }));
    }

    private static long rows(String url, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "app", "app");
             Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            resultSet.next();
            return resultSet.getLong(1);
        }
    }

    @Test
    void storesShouldWriteToTheDatabaseOfJamesDatabasePropertiesWhenNoClientIdDatabaseIsSet() throws Exception {
        String url = derbyUrl("james-derby");
        jamesDatabaseProperties(url);
        Injector injector = injector();

        injector.getInstance(Throttles.class).save(Throttle.of(LimitKey.account(ALICE), T0, T0.plusSeconds(900))).block();

        assertThat(injector.getInstance(Throttles.class)).isInstanceOf(JdbcThrottles.class);
        assertThat(rows(url, JdbcTables.THROTTLES)).isEqualTo(1);
    }

    @Test
    void storesShouldWriteToTheClientIdDatabaseWhenClientIdJdbcUrlIsSet() throws Exception {
        String jamesUrl = derbyUrl("james-derby");
        String ownUrl = derbyUrl("clientid-derby");
        jamesDatabaseProperties(jamesUrl);
        Injector injector = injector("clientid.jdbc.driverClassName=org.apache.derby.jdbc.EmbeddedDriver",
            "clientid.jdbc.url=" + ownUrl, "clientid.jdbc.username=app", "clientid.jdbc.password=app");

        injector.getInstance(FailureCounters.class).recordAndCountSince(LimitKey.account(ALICE), T0, T0).block();

        assertThat(rows(ownUrl, JdbcTables.FAILURES)).isEqualTo(1);
        assertThat(injector.getInstance(JdbcConnectionSettings.class).getUrl()).isEqualTo(ownUrl);
    }

    @Test
    void everyStoreShouldBeAJdbcSingleton() throws Exception {
        jamesDatabaseProperties(derbyUrl("james-derby"));
        Injector injector = injector();

        assertThat(injector.getInstance(FailureCounters.class)).isInstanceOf(JdbcFailureCounters.class)
            .isSameAs(injector.getInstance(FailureCounters.class));
        assertThat(injector.getInstance(Throttles.class)).isSameAs(injector.getInstance(Throttles.class));
        assertThat(injector.getInstance(PasswordOnlySignIns.class)).isInstanceOf(JdbcPasswordOnlySignIns.class)
            .isSameAs(injector.getInstance(PasswordOnlySignIns.class));
        assertThat(injector.getInstance(NoticeLimits.class)).isInstanceOf(JdbcNoticeLimits.class)
            .isSameAs(injector.getInstance(NoticeLimits.class));
        assertThat(injector.getInstance(DeviceRepository.class)).isInstanceOf(JdbcDeviceRepository.class)
            .isSameAs(injector.getInstance(DeviceRepository.class));
        assertThat(injector.getInstance(DeviceActivityRepository.class)).isInstanceOf(JdbcDeviceActivityRepository.class);
        assertThat(injector.getInstance(DeviceUseRepository.class)).isInstanceOf(JdbcDeviceUseRepository.class);
        assertThat(injector.getInstance(BlockRepository.class)).isInstanceOf(JdbcBlockRepository.class);
        assertThat(injector.getInstance(AccountPolicyRepository.class)).isInstanceOf(JdbcAccountPolicyRepository.class);
        assertThat(injector.getInstance(ReplyCodes.class)).isInstanceOf(JdbcReplyCodes.class)
            .isSameAs(injector.getInstance(ReplyCodes.class));
    }

    @Test
    void replyCodeShouldBeHonouredOnceWhenJamesRestartsBeforeTheReply() throws Exception {
        jamesDatabaseProperties(derbyUrl("james-derby"));
        // Instants are kept to the millisecond, as on Cassandra.
        Instant now = Clock.systemUTC().instant().truncatedTo(ChronoUnit.MILLIS);
        ReplyGrant grant = ReplyGrant.of(ALICE, DeviceId.of("b".repeat(DeviceId.LENGTH)), ReplyAction.REVOKE, now.plus(Duration.ofHours(72)));
        String codeHash = "1".repeat(64);
        Injector beforeRestart = injector();
        beforeRestart.getInstance(ReplyCodes.class).save(codeHash, grant, now).block();
        beforeRestart.getInstance(JdbcStoreLifecycle.class).stop();

        Injector afterRestart = injector();

        assertThat(afterRestart.getInstance(ReplyCodes.class).find(codeHash).block()).isEqualTo(grant);
        assertThat(afterRestart.getInstance(ReplyCodes.class).consume(codeHash).block()).isTrue();
        assertThat(afterRestart.getInstance(ReplyCodes.class).consume(codeHash).block()).isFalse();
    }

    @Test
    void retentionShouldBeRaisedToTheLongestFailureWindow() throws Exception {
        jamesDatabaseProperties(derbyUrl("james-derby"));
        Injector injector = injector("clientid.failures.window=2d", JdbcStoreConfiguration.RETENTION + "=1h");

        assertThat(injector.getInstance(JdbcStoreConfiguration.class).getRetention()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void startShouldFailNamingBothFilesWhenNoDatabaseIsConfigured() {
        assertThatThrownBy(this::injector)
            .isInstanceOf(CreationException.class)
            .hasMessageContaining("james-database.properties")
            .hasMessageContaining("clientid.jdbc.url");
    }

    @Test
    void startShouldFailWhenTheDatabaseIsNotOneTheStoresSupport() {
        assertThatThrownBy(() -> injector("clientid.jdbc.driverClassName=org.h2.Driver", "clientid.jdbc.url=jdbc:h2:mem:clientid"))
            .isInstanceOf(CreationException.class)
            .hasMessageContaining("Derby and PostgreSQL only");
    }

    @Test
    void startShouldFailWhenTheDatabaseCannotBeReached() throws Exception {
        jamesDatabaseProperties("jdbc:derby:" + workingDirectory.resolve("missing").toAbsolutePath() + ";create=false");

        assertThatThrownBy(this::injector)
            .isInstanceOf(CreationException.class)
            .hasStackTraceContaining("missing");
    }

    @Test
    void stopShouldCloseTheConnectionsAndTheSweep() throws Exception {
        jamesDatabaseProperties(derbyUrl("james-derby"));
        Injector injector = injector();

        injector.getInstance(JdbcStoreLifecycle.class).stop();

        assertThatThrownBy(() -> injector.getInstance(FailureCounters.class).countSince(LimitKey.account(ALICE), T0).block())
            .hasMessageContaining("closed");
        assertThat(injector.getInstance(JdbcExpirySweep.class).isStopped()).isTrue();
    }
}

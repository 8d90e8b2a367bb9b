package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jamesclientid.activity.PasswordOnlySignIn;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.guice.ClientIdPolicyModule;
import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;
import org.jamesclientid.limit.Throttles;
import org.jamesclientid.policy.AlertListener;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.PolicyConfigurations;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.collect.ImmutableSet;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import com.google.inject.util.Modules;

/**
 * The module binds the limit and sign-in stores on the session James binds, creating their tables first (the keyspace
 * here starts empty).
 */
class ClientIdCassandraModuleBindingTest {
    private static final Username ALICE = Username.of("alice@example.com");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private Injector injector;

    @BeforeEach
    void setUp() {
        Configuration properties = PolicyConfigurations.properties(ClientIdPolicyConfiguration.SECRET + "=" + PolicyConfigurations.SECRET,
            "clientid.failures.window=2d");
        injector = Guice.createInjector(Modules.override(new ClientIdCassandraModule()).with(binder -> {
            binder.bind(CqlSession.class).toInstance(cassandra.getSession());
            // What James binds and the policy engine takes: not under test here.
            binder.bind(MetricFactory.class).toInstance(new RecordingMetricFactory());
            binder.bind(new TypeLiteral<Set<AlertListener>>() { }).toInstance(ImmutableSet.of());
            // James' mailbox manager, for the notices' INBOX: never called here.
            binder.bind(MailboxManager.class).toInstance((MailboxManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MailboxManager.class}, (proxy, method, arguments) -> {
                    throw new IllegalStateException("The mailbox manager is not under test here");
                }));
            binder.bind(Clock.class).toInstance(Clock.systemUTC());
            binder.bind(UsersRepository.class).toInstance((UsersRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {UsersRepository.class}, (proxy, method, arguments) -> {
                    throw new IllegalStateException("The users repository is not under test here");
                }));
            binder.bind(Configuration.class).annotatedWith(Names.named(ClientIdPolicyModule.CONFIGURATION_NAME)).toInstance(properties);
        }));
    }

    @Test
    void failureCountersShouldBeTheCassandraOnesWithTheModulesRetention() {
        FailureCounters failureCounters = injector.getInstance(FailureCounters.class);

        assertThat(failureCounters).isInstanceOf(CassandraFailureCounters.class);
        assertThat(failureCounters.recordAndCountSince(LimitKey.account(ALICE), T0, T0).block()).isEqualTo(1L);
        assertThat(injector.getInstance(CassandraDeviceHistoryConfiguration.class).getRetention())
            .isEqualTo(Duration.ofDays(2));
    }

    @Test
    void throttlesShouldBeTheCassandraOnes() {
        Throttles throttles = injector.getInstance(Throttles.class);
        Throttle throttle = Throttle.of(LimitKey.address("2001:db8::1"), T0, T0.plusSeconds(900));

        throttles.save(throttle).block();

        assertThat(throttles).isInstanceOf(CassandraThrottles.class);
        assertThat(throttles.list().collectList().block()).containsExactly(throttle);
    }

    @Test
    void passwordOnlySignInsShouldBeTheCassandraOnes() {
        PasswordOnlySignIns signIns = injector.getInstance(PasswordOnlySignIns.class);

        signIns.record(ALICE, Protocol.SMTP, "PLAIN", T0, Optional.of("192.0.2.1")).block();

        assertThat(signIns).isInstanceOf(CassandraPasswordOnlySignIns.class);
        assertThat(signIns.since(ALICE, T0).collectList().block())
            .containsExactly(PasswordOnlySignIn.of(Protocol.SMTP, "PLAIN", 1, T0, Optional.of("192.0.2.1")));
    }

    @Test
    void storesShouldBeSingletons() {
        assertThat(injector.getInstance(FailureCounters.class)).isSameAs(injector.getInstance(FailureCounters.class));
        assertThat(injector.getInstance(Throttles.class)).isSameAs(injector.getInstance(Throttles.class));
        assertThat(injector.getInstance(PasswordOnlySignIns.class)).isSameAs(injector.getInstance(PasswordOnlySignIns.class));
    }
}

package org.jamesclientid.testing.cassandra;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * A keyspace of its own for each test class on the shared test Cassandra ({@link TestCassandra#shared()}: Docker
 * when available, a forked JVM otherwise), with a {@link CqlSession} bound to it, every table truncated after each
 * test, and the keyspace dropped after the class.
 * <pre>
 * class CassandraDeviceDAOTest {
 *     &#64;RegisterExtension
 *     static CassandraExtension cassandra = new CassandraExtension();
 *
 *     &#64;BeforeAll
 *     static void createTables() {
 *         cassandra.getSession().execute("CREATE TABLE devices (user text PRIMARY KEY, seen timestamp)");
 *     }
 *
 *     &#64;Test
 *     void lookupShouldFailWhenCassandraIsDown() {
 *         cassandra.pause();
 *         try { ... } finally { cassandra.resume(); }
 *     }
 * }
 * </pre>
 * Register it on a static field (or with {@code @ExtendWith}): it works per class. {@code @Nested} classes share the
 * enclosing class' keyspace. Test methods may also take a {@link CqlSession} or a {@link TestCassandra} parameter.
 */
public class CassandraExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {
    static final int MAX_KEYSPACE_LENGTH = 48;
    static final String CACHE_KEYSPACE_SUFFIX = "_cache";
    private static final int HASH_LENGTH = 8;

    private final Supplier<? extends TestCassandra> cassandraSupplier;
    private TestCassandra cassandra;
    private String keyspace;
    private CqlSession session;

    public CassandraExtension() {
        this(TestCassandra::shared);
    }

    /**
     * On another Cassandra than the shared one, e.g. a {@link ForkedCassandra} of the test's own to restart.
     */
    public CassandraExtension(Supplier<? extends TestCassandra> cassandra) {
        this.cassandraSupplier = Objects.requireNonNull(cassandra);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (isNested(context)) {
            return;
        }
        cassandra = cassandraSupplier.get();
        keyspace = keyspaceFor(context.getRequiredTestClass());
        try (CqlSession admin = TestCqlSessions.adminBuilder(cassandra.contactPoint()).build()) {
            admin.execute("DROP KEYSPACE IF EXISTS " + keyspace);
            admin.execute("CREATE KEYSPACE " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        }
        session = TestCqlSessions.builder(cassandra.contactPoint())
            .withKeyspace(keyspace)
            .build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (cassandra.isPaused()) {
            // A test that failed half-way through an outage must not leave the next ones without Cassandra.
            cassandra.resume();
        }
        truncateAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (isNested(context)) {
            return;
        }
        session.close();
        session = null;
        if (cassandra.isPaused()) {
            cassandra.resume();
        }
        try (CqlSession admin = TestCqlSessions.adminBuilder(cassandra.contactPoint()).build()) {
            admin.execute("DROP KEYSPACE IF EXISTS " + keyspace);
            admin.execute("DROP KEYSPACE IF EXISTS " + cacheKeyspace());
        }
    }

    /**
     * A {@code @Nested} class runs inside its enclosing class' context, which owns the keyspace.
     */
    private static boolean isNested(ExtensionContext context) {
        return context.getParent().flatMap(ExtensionContext::getTestClass).isPresent();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) throws ParameterResolutionException {
        Class<?> type = parameterContext.getParameter().getType();
        return type == CqlSession.class || type == TestCassandra.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) throws ParameterResolutionException {
        if (parameterContext.getParameter().getType() == CqlSession.class) {
            return getSession();
        }
        return getCassandra();
    }

    /**
     * Bound to {@link #getKeyspace()}: table names need no keyspace.
     */
    public CqlSession getSession() {
        if (session == null) {
            throw new IllegalStateException("No session before beforeAll: register CassandraExtension on a static field");
        }
        return session;
    }

    public String getKeyspace() {
        return keyspace;
    }

    public TestCassandra getCassandra() {
        return cassandra;
    }

    /**
     * The keyspace James' cache tables would go to, dropped after the class too.
     */
    public String cacheKeyspace() {
        return keyspace + CACHE_KEYSPACE_SUFFIX;
    }

    /**
     * The entries of a James {@code cassandra.properties} that point a James server at this Cassandra and keyspace.
     */
    public Map<String, String> jamesCassandraProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("cassandra.nodes", cassandra.host() + ":" + cassandra.cqlPort());
        properties.put("cassandra.keyspace.create", "true");
        properties.put("cassandra.keyspace", keyspace);
        properties.put("cassandra.keyspace.cache", cacheKeyspace());
        properties.put("cassandra.replication.factor", "1");
        properties.put("cassandra.local.dc", TestCqlSessions.LOCAL_DATACENTER);
        return properties;
    }

    /**
     * Empties every table of the test keyspace; done after each test.
     */
    public void truncateAll() {
        List<String> tables = getSession().execute(SimpleStatement.newInstance(
                "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace))
            .all()
            .stream()
            .map(row -> row.getString("table_name"))
            .collect(Collectors.toList());
        for (String table : tables) {
            getSession().execute("TRUNCATE " + CqlIdentifier.fromInternal(table).asCql(true));
        }
    }

    /**
     * Freezes Cassandra until {@link #resume()} (done after each test anyway): requests time out.
     */
    public void pause() {
        cassandra.pause();
    }

    public void resume() {
        cassandra.resume();
    }

    /**
     * The simple name, readable in cqlsh, and a hash of the full name, unique for two classes of the same name.
     */
    static String keyspaceFor(Class<?> testClass) {
        String readable = testClass.getSimpleName().toLowerCase(Locale.US).replaceAll("[^a-z0-9_]", "_");
        String hash = UUID.nameUUIDFromBytes(testClass.getName().getBytes(StandardCharsets.UTF_8)).toString().substring(0, HASH_LENGTH);
        int maxReadable = MAX_KEYSPACE_LENGTH - CACHE_KEYSPACE_SUFFIX.length() - HASH_LENGTH - 2;
        return "t" + (readable.length() > maxReadable ? readable.substring(0, maxReadable) : readable) + "_" + hash;
    }
}

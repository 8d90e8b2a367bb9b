package org.jamesclientid.testing.cassandra;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.Collection;

/**
 * Runs Cassandra 5.0's {@code CassandraDaemon}, then gives it back the CQL function {@code dateof(timeuuid)}, which
 * Cassandra 5.0 removed (CASSANDRA-18328) and James 3.8.1 calls on every connection: its {@code ClusterFactory}
 * checks a node with {@code SELECT dateof(now()) FROM system.local} and fails with "Unknown function 'dateof'"
 * without it. {@code dateof} is registered as a renamed copy of the native {@code totimestamp(timeuuid)}, which is what
 * Cassandra 4 implemented it as.
 * <p>
 * Cassandra 4.1, which still has it, does not run on Java 17 (its jamm 0.3 fails on hidden classes), and Java 11 is not
 * at hand. Reflection only: cassandra-all is not on this module's compile classpath.
 */
public final class JamesCompatibleCassandraDaemon {
    static final String CASSANDRA_DAEMON = "org.apache.cassandra.service.CassandraDaemon";
    private static final String FUNCTIONS = "org.apache.cassandra.cql3.functions.";

    public static void main(String[] args) throws Throwable {
        // Once started: the native function registry is then fully built, and nothing has asked for dateof yet
        // (the launcher waits for a query that uses it).
        try {
            Class.forName(CASSANDRA_DAEMON).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        try {
            addDateOf();
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("Cannot add dateof() to Cassandra, which James 3.8.1 needs: stopping");
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void addDateOf() throws ReflectiveOperationException {
        Object dateOfName = Class.forName(FUNCTIONS + "FunctionName").getMethod("nativeFunction", String.class).invoke(null, "dateof");
        Object nativeFunctions = Class.forName(FUNCTIONS + "NativeFunctions").getField("instance").get(null);
        Collection<?> existing = (Collection<?>) nativeFunctions.getClass().getMethod("getFunctions", dateOfName.getClass())
            .invoke(nativeFunctions, dateOfName);
        if (!existing.isEmpty()) {
            return;
        }
        Object timeUuidType = Class.forName("org.apache.cassandra.db.marshal.TimeUUIDType").getField("instance").get(null);
        Object toTimestamp = Class.forName(FUNCTIONS + "TimeFcts")
            .getMethod("toTimestamp", Class.forName("org.apache.cassandra.db.marshal.TemporalType"))
            .invoke(null, timeUuidType);
        Field name = Class.forName(FUNCTIONS + "AbstractFunction").getDeclaredField("name");
        name.setAccessible(true);
        name.set(toTimestamp, dateOfName);
        try {
            nativeFunctions.getClass().getMethod("add", Class.forName(FUNCTIONS + "NativeFunction")).invoke(nativeFunctions, toTimestamp);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private JamesCompatibleCassandraDaemon() {
    }
}

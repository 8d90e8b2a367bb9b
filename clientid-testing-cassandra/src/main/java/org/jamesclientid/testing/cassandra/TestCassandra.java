package org.jamesclientid.testing.cassandra;

import java.net.InetSocketAddress;

/**
 * A running Cassandra node for tests, whatever runs it, e.g. a forked JVM ({@link ForkedCassandra}).
 */
public interface TestCassandra {
    String host();

    /**
     * The CQL native transport port, as seen from the test JVM.
     */
    int cqlPort();

    default InetSocketAddress contactPoint() {
        return new InetSocketAddress(host(), cqlPort());
    }

    /**
     * Freezes the node, like an unreachable or overloaded server: connections stay open and requests get no answer
     * until {@link #resume()}.
     */
    void pause();

    void resume();

    boolean isPaused();
}

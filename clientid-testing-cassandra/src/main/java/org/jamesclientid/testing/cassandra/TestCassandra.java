package org.jamesclientid.testing.cassandra;

import java.net.InetSocketAddress;

/**
 * A running Cassandra node for tests, whatever runs it: a Testcontainers container ({@link ContainerCassandra})
 * or a forked JVM ({@link ForkedCassandra}).
 */
public interface TestCassandra {
    /**
     * The Cassandra of this test JVM, started on first use and stopped when the JVM exits: a Docker container when
     * Docker is available, a forked JVM otherwise (see {@link SharedTestCassandra#BACKEND_PROPERTY}).
     */
    static TestCassandra shared() {
        return SharedTestCassandra.get();
    }

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

package org.jamesclientid.testing.cassandra;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The one Cassandra of a test JVM, started lazily: the first test class that needs it pays the start-up, the
 * others share it (each with its own keyspace).
 * <p>
 * {@value #BACKEND_PROPERTY}: {@code docker}, {@code forked}, or {@code auto} (the default: Docker when
 * Testcontainers finds it, the forked JVM otherwise).
 */
public final class SharedTestCassandra {
    public static final String BACKEND_PROPERTY = "clientid.cassandra.backend";
    private static final Logger LOGGER = LoggerFactory.getLogger(SharedTestCassandra.class);

    enum Backend {
        DOCKER,
        FORKED,
        AUTO;

        static Backend fromSystemProperties() {
            String value = System.getProperty(BACKEND_PROPERTY, "auto");
            try {
                return valueOf(value.trim().toUpperCase(Locale.US));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-D" + BACKEND_PROPERTY + "=" + value + " is none of docker, forked, auto", e);
            }
        }
    }

    private static TestCassandra instance;
    private static RuntimeException startFailure;

    public static synchronized TestCassandra get() {
        if (startFailure != null) {
            // One slow failure per JVM is enough: every later test class fails at once with the same cause.
            throw new IllegalStateException("The shared test Cassandra failed to start earlier in this JVM", startFailure);
        }
        if (instance == null) {
            try {
                instance = start(Backend.fromSystemProperties());
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    private static TestCassandra start(Backend backend) {
        switch (backend) {
            case DOCKER:
                return ContainerCassandra.start();
            case FORKED:
                return CassandraDaemonLauncher.fromSystemProperties().launch();
            case AUTO:
                if (DockerClientFactory.instance().isDockerAvailable()) {
                    return ContainerCassandra.start();
                }
                LOGGER.info("No Docker here: forking a Cassandra JVM (-D{}=docker|forked to choose)", BACKEND_PROPERTY);
                return CassandraDaemonLauncher.fromSystemProperties().launch();
            default:
                throw new IllegalArgumentException("Unknown backend " + backend);
        }
    }

    private SharedTestCassandra() {
    }
}

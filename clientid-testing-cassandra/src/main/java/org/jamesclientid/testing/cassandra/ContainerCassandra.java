package org.jamesclientid.testing.cassandra;

import java.time.Duration;
import java.util.Map;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Cassandra in a Testcontainers container, where Docker is available. Testcontainers' Ryuk removes the container
 * when the test JVM dies.
 * <p>
 * A {@link GenericContainer} of the official image, like James' own {@code DockerCassandra}: Testcontainers'
 * {@code cassandra} module would bring the legacy 3.x driver next to the 4.x one James uses.
 */
public final class ContainerCassandra implements TestCassandra {
    public static final String IMAGE_PROPERTY = "clientid.cassandra.image";
    /**
     * The image James 3.8.1's own DockerCassandra builds on (its test-jar): the forked server is 5.0, so the two
     * backends cover both ends of what the extension may meet.
     */
    static final String DEFAULT_IMAGE = "cassandra:3.11.10";
    private static final int CQL_PORT = 9042;

    public static ContainerCassandra start() {
        ContainerCassandra cassandra = new ContainerCassandra(DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE)));
        cassandra.container.start();
        return cassandra;
    }

    private final GenericContainer<?> container;
    private boolean paused;

    @SuppressWarnings("resource")
    private ContainerCassandra(DockerImageName image) {
        this.container = new GenericContainer<>(image)
            .withExposedPorts(CQL_PORT)
            // The image's cassandra-env.sh honours both together only.
            .withEnv("MAX_HEAP_SIZE", CassandraDaemonLauncher.HEAP)
            .withEnv("HEAP_NEWSIZE", "128M")
            .withTmpFs(Map.of("/var/lib/cassandra", "rw,noexec,nosuid,size=300m"))
            .waitingFor(Wait.forLogMessage(".*Starting listening for CQL clients.*\\n", 1)
                .withStartupTimeout(Duration.ofMinutes(3)));
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int cqlPort() {
        return container.getMappedPort(CQL_PORT);
    }

    @Override
    public synchronized void pause() {
        DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
        paused = true;
    }

    @Override
    public synchronized void resume() {
        DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
        paused = false;
    }

    @Override
    public synchronized boolean isPaused() {
        return paused;
    }

    public void stop() {
        container.stop();
    }

    @Override
    public String toString() {
        return "ContainerCassandra{" + container.getDockerImageName() + " on " + host() + ":" + cqlPort() + "}";
    }
}

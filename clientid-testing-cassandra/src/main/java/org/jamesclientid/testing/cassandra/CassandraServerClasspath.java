package org.jamesclientid.testing.cassandra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The classpath of the forked Cassandra: cassandra-all and its runtime dependencies, resolved at build time by
 * this module's pom into the resource {@value #RESOURCE} of this jar (jars of the local Maven repository), plus
 * the location of {@link ParentWatchdog}.
 * <p>
 * cassandra-all is never on the test JVM's classpath: its Guava, Netty, Jackson and logback versions differ from
 * James'.
 */
public final class CassandraServerClasspath {
    static final String RESOURCE = "cassandra-server.classpath";

    public static CassandraServerClasspath fromResource() {
        try (InputStream in = CassandraServerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No " + RESOURCE + " resource next to " + CassandraServerClasspath.class.getName()
                    + ": it is written by the build of clientid-testing-cassandra (generate-resources); build that module with Maven");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return of(Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Paths::get)
                .collect(Collectors.toUnmodifiableList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CassandraServerClasspath of(List<Path> jars) {
        List<Path> missing = jars.stream()
            .filter(jar -> !Files.isRegularFile(jar))
            .collect(Collectors.toUnmodifiableList());
        if (jars.isEmpty() || !missing.isEmpty()) {
            throw new IllegalStateException("The Cassandra server classpath is stale: " + missing.size() + " of its " + jars.size()
                + " jars are missing from the local Maven repository (first: " + missing.stream().findFirst().map(Path::toString).orElse("none")
                + "). Rebuild clientid-testing-cassandra with Maven to resolve them again");
        }
        return new CassandraServerClasspath(jars);
    }

    private final List<Path> jars;

    private CassandraServerClasspath(List<Path> jars) {
        this.jars = jars;
    }

    public List<Path> jars() {
        return jars;
    }

    /**
     * The {@code -cp} value of the forked JVM: Cassandra's jars, then this module's classes for {@link ParentWatchdog}
     * and {@link JamesCompatibleCassandraDaemon}.
     */
    public String withParentWatchdog() {
        return jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))
            + File.pathSeparator + locationOf(ParentWatchdog.class);
    }

    private static String locationOf(Class<?> clazz) {
        try {
            return Paths.get(clazz.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the classes of " + clazz.getName(), e);
        }
    }
}

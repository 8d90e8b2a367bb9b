package org.jamesclientid.testing.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a Java 17 to run Cassandra 5.0 with: it supports Java 11 and 17 only and fails on later ones, while the
 * tests themselves may run on any Java from 11 on.
 * <p>
 * In order: the {@value #JAVA_PROPERTY} system property, the running JVM if it is a 17, then {@value #DEBIAN_JAVA_17}.
 */
public final class Java17Locator {
    public static final String JAVA_PROPERTY = "clientid.cassandra.java";
    static final String DEBIAN_JAVA_17 = "/usr/lib/jvm/java-17-openjdk-amd64";
    private static final int REQUIRED_FEATURE_VERSION = 17;
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    public static Path locate() {
        String configured = System.getProperty(JAVA_PROPERTY);
        if (configured != null) {
            Path java = Paths.get(configured);
            if (!Files.isExecutable(java)) {
                throw new IllegalStateException(JAVA_PROPERTY + "=" + configured + " is not an executable java");
            }
            return java;
        }
        if (Runtime.version().feature() == REQUIRED_FEATURE_VERSION) {
            return javaOf(Paths.get(System.getProperty("java.home")));
        }
        Path debianJava17 = Paths.get(DEBIAN_JAVA_17);
        if (featureVersionOf(debianJava17).filter(version -> version == REQUIRED_FEATURE_VERSION).isPresent()
            && Files.isExecutable(javaOf(debianJava17))) {
            return javaOf(debianJava17);
        }
        throw new IllegalStateException("Cassandra 5.0 for tests needs Java 17, but the tests run on Java "
            + Runtime.version().feature() + " (" + System.getProperty("java.home") + ") and there is no JDK 17 in "
            + DEBIAN_JAVA_17 + ". Install one (apt-get install openjdk-17-jdk-headless) or set -D" + JAVA_PROPERTY
            + "=/path/to/java17/bin/java");
    }

    private static Path javaOf(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }

    /**
     * Reads the JDK's {@code release} file rather than running {@code java -version}: no process to start.
     */
    static Optional<Integer> featureVersionOf(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher matcher = RELEASE_VERSION.matcher(Files.readString(release));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Java17Locator() {
    }
}

package org.jamesclientid.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;

/**
 * Checks the built drop-in jar, james-clientid-extension-VERSION.jar. Run by the {@code drop-in-jar-check} surefire
 * execution in the verify phase, once the package phase has built the jar.
 */
class DropInJarIT {
    // A package path, then a capitalised simple name: logger names such as "org.jamesclientid.smtp" are not classes.
    private static final Pattern PROJECT_CLASS_NAME = Pattern.compile("org\\.jamesclientid(\\.[a-z][a-z0-9_]*)*\\.[A-Z][A-Za-z0-9_$]*");

    @Test
    void dropInJarShouldFollowTheRulesWhenBuilt() throws Exception {
        assertThat(DropInJarRules.violations(dropInJar(), DropInJarRules.BUNDLED_LIBRARY_ROOTS))
            .as("entries of %s breaking the drop-in rules", dropInJar())
            .isEmpty();
    }

    @Test
    void dropInJarShouldContainEveryProjectClassTheShippedConfNames() throws Exception {
        Set<String> namedInConf = projectClassesNamedIn(path("clientid.conf.source"));
        Preconditions.checkState(!namedInConf.isEmpty(), "the shipped conf names no org.jamesclientid class");

        try (JarFile jar = new JarFile(dropInJar().toFile())) {
            assertThat(namedInConf)
                .as("classes named in %s but missing from %s", path("clientid.conf.source"), dropInJar())
                .allSatisfy(className -> assertThat(jar.getEntry(className.replace('.', '/') + ".class")).as(className).isNotNull());
        }
    }

    @Test
    void extensionsJarsFolderShouldHoldTheDropInJarAlone() throws Exception {
        // docker-compose.yml mounts this folder as James' extensions-jars/: any other jar would be loaded too.
        try (Stream<Path> files = Files.list(path("clientid.extensions.jars"))) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).containsExactly(dropInJar().getFileName().toString());
        }
    }

    @Test
    void dockerComposeShouldMountTheExtensionsJarsFolderWithoutAVersion() throws Exception {
        // Docker bind-mounts a missing host path as an empty directory: a stale name would start James without CLIENTID.
        String compose = Files.readString(path("clientid.docker.compose"), StandardCharsets.UTF_8);

        assertThat(compose).contains("./james-config/target/extensions-jars:/root/extensions-jars:ro")
            .doesNotContain("james-clientid-extension-");
    }

    private static Set<String> projectClassesNamedIn(Path conf) throws IOException {
        try (Stream<Path> files = Files.list(conf)) {
            return files.filter(Files::isRegularFile)
                .flatMap(file -> projectClassNames(read(file)))
                .collect(ImmutableSet.toImmutableSet());
        }
    }

    private static Stream<String> projectClassNames(String text) {
        return PROJECT_CLASS_NAME.matcher(text).results().map(MatchResult::group);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    private static Path dropInJar() {
        Path jar = path("clientid.dropin.jar");
        Preconditions.checkState(Files.isRegularFile(jar), "No drop-in jar at %s: run mvn package in james-config first", jar);
        return jar;
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        Preconditions.checkState(value != null, "System property %s is not set (set by james-config/pom.xml)", property);
        return Paths.get(value);
    }
}

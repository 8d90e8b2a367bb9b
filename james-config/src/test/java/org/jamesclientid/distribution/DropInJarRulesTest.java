package org.jamesclientid.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

/**
 * The rules on jars made here, so the check of the real drop-in jar (DropInJarIT) is known to fail when broken.
 */
class DropInJarRulesTest {
    private static final int JAVA_17_CLASS_VERSION = 61;

    @TempDir
    Path directory;

    @Test
    void violationsShouldBeEmptyWhenOnlyOwnJava11ClassesAndMetadata() throws Exception {
        Path jar = jar(ImmutableMap.of(
            "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(),
            "META-INF/maven/org.jamesclientid/clientid-hook/pom.xml", "<project/>".getBytes(),
            "org/jamesclientid/smtp/ClientIdCmdHandler.class", classFile(55)));

        assertThat(DropInJarRules.violations(jar, ImmutableList.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"org/apache/james/smtpserver/Foo.class", "com/google/common/base/Preconditions.class",
        "com/google/inject/Module.class", "reactor/core/publisher/Mono.class", "com/datastax/oss/driver/api/core/CqlSession.class"})
    void violationsShouldNameEntryWhenClassShippedByJames(String entry) throws Exception {
        Path jar = jar(ImmutableMap.of(entry, classFile(55)));

        assertThat(DropInJarRules.violations(jar, ImmutableList.of()))
            .singleElement().asString().startsWith(entry + ": James 3.8.1 ships");
    }

    @Test
    void violationsShouldNameEntryWhenClassShippedByJamesEvenIfAllowListed() throws Exception {
        Path jar = jar(ImmutableMap.of("com/google/common/base/Preconditions.class", classFile(55)));

        assertThat(DropInJarRules.violations(jar, ImmutableList.of("com/google/")))
            .singleElement().asString().startsWith("com/google/common/base/Preconditions.class: James 3.8.1 ships");
    }

    @Test
    void violationsShouldNameEntryWhenDemoLauncherClassBundled() throws Exception {
        Path jar = jar(ImmutableMap.of("org/jamesclientid/demo/ClientIdDemoServer.class", classFile(55)));

        assertThat(DropInJarRules.violations(jar, ImmutableList.of()))
            .singleElement().asString().startsWith("org/jamesclientid/demo/ClientIdDemoServer.class: org/jamesclientid/demo/ is the demo launcher");
    }

    @Test
    void violationsShouldNameEntryWhenClassOutsideOwnRootAndNotAllowListed() throws Exception {
        Path jar = jar(ImmutableMap.of("com/example/lib/Helper.class", classFile(55)));

        assertThat(DropInJarRules.violations(jar, ImmutableList.of()))
            .singleElement().asString().startsWith("com/example/lib/Helper.class: outside org/jamesclientid/");
    }

    @Test
    void violationsShouldNameEntryWhenMultiReleaseClassOutsideOwnRoot() throws Exception {
        Path jar = jar(ImmutableMap.of("META-INF/versions/17/org/jamesclientid/smtp/ClientId.class", classFile(55)));

        assertThat(DropInJarRules.violations(jar, ImmutableList.of()))
            .singleElement().asString().startsWith("META-INF/versions/17/org/jamesclientid/smtp/ClientId.class: outside");
    }

    @Test
    void violationsShouldBeEmptyWhenClassInAllowListedLibrary() throws Exception {
        Path jar = jar(ImmutableMap.of("com/example/lib/Helper.class", classFile(55)));

        assertThat(DropInJarRules.violations(jar, ImmutableList.of("com/example/lib/"))).isEmpty();
    }

    @Test
    void violationsShouldNameEntryWhenClassCompiledForJava17() throws Exception {
        Path jar = jar(ImmutableMap.of("org/jamesclientid/smtp/ClientId.class", classFile(JAVA_17_CLASS_VERSION)));

        assertThat(DropInJarRules.violations(jar, ImmutableList.of()))
            .singleElement().asString()
            .isEqualTo("org/jamesclientid/smtp/ClientId.class: class file version 61 (Java 17), must be 55 (Java 11, what James 3.8.1 runs on): compile with --release 11");
    }

    @Test
    void violationsShouldNameEntryWhenClassCompiledForJava8() throws Exception {
        Path jar = jar(ImmutableMap.of("org/jamesclientid/smtp/ClientId.class", classFile(52)));

        assertThat(DropInJarRules.violations(jar, ImmutableList.of()))
            .singleElement().asString().startsWith("org/jamesclientid/smtp/ClientId.class: class file version 52 (Java 8)");
    }

    @Test
    void violationsShouldNameEntryWhenClassFileIsNotOne() throws Exception {
        Path jar = jar(ImmutableMap.of("org/jamesclientid/smtp/Broken.class", "not a class".getBytes()));

        assertThat(DropInJarRules.violations(jar, ImmutableList.of()))
            .containsExactly("org/jamesclientid/smtp/Broken.class: not a class file");
    }

    @Test
    void violationsShouldListEveryOffendingEntryWhenSeveral() throws Exception {
        Path jar = jar(ImmutableMap.of(
            "org/jamesclientid/smtp/ClientId.class", classFile(55),
            "org/apache/james/Bundled.class", classFile(55),
            "org/jamesclientid/smtp/Newer.class", classFile(JAVA_17_CLASS_VERSION)));

        List<String> violations = DropInJarRules.violations(jar, ImmutableList.of());

        assertThat(violations).hasSize(2);
        assertThat(violations.get(0)).startsWith("org/apache/james/Bundled.class");
        assertThat(violations.get(1)).startsWith("org/jamesclientid/smtp/Newer.class");
    }

    private static byte[] classFile(int majorVersion) {
        // Only the header matters to the rules: magic, minor version 0, major version.
        return new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0,
            (byte) (majorVersion >> 8), (byte) majorVersion, 0, 0};
    }

    private Path jar(Map<String, byte[]> entries) throws IOException {
        Path jar = Files.createTempFile(directory, "drop-in", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }
}

package org.jamesclientid.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Java17LocatorTest {
    @AfterEach
    void clearProperty() {
        System.clearProperty(Java17Locator.JAVA_PROPERTY);
    }

    @Test
    void locateShouldFindAJava17WhenNothingIsConfigured() {
        Path java = Java17Locator.locate();

        assertThat(java).isExecutable();
        assertThat(Java17Locator.featureVersionOf(java.getParent().getParent())).contains(17);
    }

    @Test
    void locateShouldReturnTheConfiguredJavaWhenThePropertyIsSet() {
        Path running = Paths.get(System.getProperty("java.home"), "bin", "java");
        System.setProperty(Java17Locator.JAVA_PROPERTY, running.toString());

        assertThat(Java17Locator.locate()).isEqualTo(running);
    }

    @Test
    void locateShouldFailClearlyWhenTheConfiguredJavaIsNotExecutable(@TempDir Path directory) {
        System.setProperty(Java17Locator.JAVA_PROPERTY, directory.resolve("no-java").toString());

        assertThatThrownBy(Java17Locator::locate)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(Java17Locator.JAVA_PROPERTY)
            .hasMessageContaining("no-java");
    }

    @Test
    void featureVersionOfShouldReadTheReleaseFileWhenPresent(@TempDir Path javaHome) throws Exception {
        Files.writeString(javaHome.resolve("release"), "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"\n");

        assertThat(Java17Locator.featureVersionOf(javaHome)).contains(17);
    }

    @Test
    void featureVersionOfShouldBeEmptyWhenThereIsNoReleaseFile(@TempDir Path javaHome) {
        assertThat(Java17Locator.featureVersionOf(javaHome)).isEmpty();
    }
}

package org.jamesclientid.testing.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one forked Cassandra, all under one directory of the build's target/ (so {@code mvn clean} removes
 * them): generated configuration in {@code conf/}, logs in {@code logs/}, and the storage directories.
 */
public final class ForkedCassandraDirectory {
    static final String SYSTEM_LOG = "system.log";
    static final String CONSOLE_LOG = "console.log";
    private static final List<String> STORAGE_DIRECTORIES = List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw");

    public static ForkedCassandraDirectory create(Path root) {
        try {
            Files.createDirectories(root.resolve("conf"));
            Files.createDirectories(root.resolve("logs"));
            for (String storage : STORAGE_DIRECTORIES) {
                Files.createDirectories(root.resolve(storage));
            }
            return new ForkedCassandraDirectory(root.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Cassandra directory " + root, e);
        }
    }

    private final Path root;

    private ForkedCassandraDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path storage(String name) {
        if (!STORAGE_DIRECTORIES.contains(name)) {
            throw new IllegalArgumentException("Unknown storage directory " + name + ", expected one of " + STORAGE_DIRECTORIES);
        }
        return root.resolve(name);
    }

    public Path yaml() {
        return root.resolve("conf").resolve("cassandra.yaml");
    }

    public Path logbackConfiguration() {
        return root.resolve("conf").resolve("logback.xml");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /**
     * What Cassandra logs through logback (WARN and above unless told otherwise).
     */
    public Path systemLog() {
        return logs().resolve(SYSTEM_LOG);
    }

    /**
     * The JVM's own stdout and stderr: option errors, class loading failures, {@link ParentWatchdog}.
     */
    public Path consoleLog() {
        return logs().resolve(CONSOLE_LOG);
    }

    void writeConfiguration(CassandraPorts ports, CassandraNode node, String logLevel) {
        write(yaml(), CassandraYaml.render(this, ports, node));
        write(logbackConfiguration(), logback(logLevel));
    }

    private String logback(String logLevel) {
        return "<configuration>\n"
            + "    <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
            + "        <file>" + systemLog() + "</file>\n"
            + "        <encoder>\n"
            + "            <pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern>\n"
            + "        </encoder>\n"
            + "    </appender>\n"
            + "    <root level=\"" + logLevel + "\">\n"
            + "        <appender-ref ref=\"FILE\"/>\n"
            + "    </root>\n"
            + "</configuration>\n";
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * Removes the storage directories and keeps the configuration and the logs (a few KB) for post-mortems.
     */
    void deleteStorage() {
        for (String storage : STORAGE_DIRECTORIES) {
            deleteRecursively(root.resolve(storage));
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(ForkedCassandraDirectory::deleteQuietly);
        } catch (IOException e) {
            // Best effort: the directory is under target/ anyway.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort, as above.
        }
    }

    /**
     * The last lines of both logs, for error messages.
     */
    public String tailOfLogs(int lines) {
        return "--- last lines of " + systemLog() + " ---\n" + tail(systemLog(), lines)
            + "--- last lines of " + consoleLog() + " ---\n" + tail(consoleLog(), lines);
    }

    private static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no such file)\n";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> content = Files.lines(file, StandardCharsets.UTF_8)) {
            content.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")\n";
        }
        StringBuilder text = new StringBuilder();
        last.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    @Override
    public String toString() {
        return root.toString();
    }
}

package org.jamesclientid.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.jamesclientid.jdbc.JdbcConnectionSettings;
import org.jamesclientid.jdbc.JdbcConnections;
import org.jamesclientid.jdbc.PostgresServer;

import com.google.common.base.Preconditions;

/**
 * A database the JDBC store is benchmarked on: embedded Derby (James' JPA server default: a folder of files, the
 * engine in the JVM that opens it) or a PostgreSQL server started by the benchmark ({@link PostgresServer}, Debian's
 * binaries). Gives fresh databases by name, and the driver jar James' classpath needs, as the JPA server has it in
 * {@code lib/}.
 */
abstract class BenchJdbcDatabase {
    static BenchJdbcDatabase derby(Path directory) {
        return new BenchJdbcDatabase("derby", "org.apache.derby.jdbc.EmbeddedDriver", "app", org.apache.derby.jdbc.EmbeddedDriver.class) {
            @Override
            JdbcConnectionSettings freshDatabase(String name) {
                Path files = directory.resolve(name);
                deleteRecursively(files);
                return settings("jdbc:derby:" + files + ";create=true");
            }

            @Override
            void closeDatabase(JdbcConnectionSettings settings) {
                String url = settings.getUrl().replace(";create=true", ";shutdown=true");
                try {
                    new org.apache.derby.jdbc.EmbeddedDriver().connect(url, new java.util.Properties());
                } catch (SQLException e) {
                    // Derby says a database shut down with SQL state 08006: the expected answer.
                    Preconditions.checkState("08006".equals(e.getSQLState()), "Derby %s did not shut down: %s", url, e);
                }
            }

            @Override
            Optional<Long> processTreeRoot() {
                return Optional.empty();
            }
        };
    }

    static BenchJdbcDatabase postgres(PostgresServer server) {
        return new BenchJdbcDatabase("postgres", "org.postgresql.Driver", PostgresServer.USER, org.postgresql.Driver.class) {
            @Override
            JdbcConnectionSettings freshDatabase(String name) throws SQLException {
                Preconditions.checkArgument(name.matches("[a-z0-9_]+"), "not a plain database name: %s", name);
                try (JdbcConnections admin = new JdbcConnections(settings(server.url()), 1)) {
                    admin.withConnection(connection -> {
                        try (Statement statement = connection.createStatement()) {
                            statement.executeUpdate("DROP DATABASE IF EXISTS " + name);
                            return statement.executeUpdate("CREATE DATABASE " + name);
                        }
                    });
                }
                return settings(server.url(name));
            }

            @Override
            void closeDatabase(JdbcConnectionSettings settings) {
                // The server runs on: its databases go with it.
            }

            @Override
            Optional<Long> processTreeRoot() {
                return Optional.of(server.postmasterPid());
            }
        };
    }

    private final String name;
    private final String driverClassName;
    private final String username;
    private final Class<? extends Driver> driver;

    private BenchJdbcDatabase(String name, String driverClassName, String username, Class<? extends Driver> driver) {
        this.name = name;
        this.driverClassName = driverClassName;
        this.username = username;
        this.driver = driver;
    }

    /**
     * {@code derby} or {@code postgres}.
     */
    String name() {
        return name;
    }

    String driverClassName() {
        return driverClassName;
    }

    String username() {
        return username;
    }

    /**
     * A new empty database (the one of that name before, if any, dropped); Derby's is created at its first connection.
     */
    abstract JdbcConnectionSettings freshDatabase(String name) throws SQLException;

    /**
     * Releases what this JVM holds of the database (Derby's engine keeps a database booted until it is shut down).
     */
    abstract void closeDatabase(JdbcConnectionSettings settings);

    /**
     * The server process whose CPU counts with its children's; none for embedded Derby (its CPU is the JVM's).
     */
    abstract Optional<Long> processTreeRoot();

    /**
     * The jar of the driver, from this JVM's classpath.
     */
    Path driverJar() {
        try {
            return Paths.get(driver.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    JdbcConnectionSettings settings(String url) {
        return JdbcConnectionSettings.of(driverClassName, url, Optional.of(username), Optional.empty());
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

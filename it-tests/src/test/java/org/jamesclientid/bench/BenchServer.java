package org.jamesclientid.bench;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jamesclientid.it.StockJamesServer;

import com.google.common.collect.ImmutableList;

/**
 * One benchmarked James, in a JVM of its own: the processes whose CPU counts for it, its submission port, and its
 * WebAdmin to create the accounts.
 */
abstract class BenchServer implements AutoCloseable {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    final String name;
    final boolean hasClientId;

    BenchServer(String name, boolean hasClientId) {
        this.name = name;
        this.hasClientId = hasClientId;
    }

    /**
     * The processes whose CPU time counts for this variant.
     */
    abstract List<Long> pids();

    abstract int submissionPort();

    abstract int webAdminPort();

    void createAccounts(List<BenchAccount> accounts) throws IOException, InterruptedException {
        webAdmin("PUT", "/domains/" + BenchAccount.DOMAIN, "");
        for (BenchAccount account : accounts) {
            webAdmin("PUT", "/users/" + account.username, "{\"password\":\"" + account.password + "\"}");
        }
    }

    private void webAdmin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdminPort() + path))
            .timeout(HTTP_TIMEOUT)
            .header("Content-Type", "application/json")
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(name + ": WebAdmin " + method + " " + path + " answered " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Stock James' own main (James' jars only), with or without the drop-in jar.
     */
    static BenchServer stockMain(String name, StockJamesServer server, boolean hasClientId) {
        return new BenchServer(name, hasClientId) {
            @Override
            List<Long> pids() {
                return ImmutableList.of(server.pid());
            }

            @Override
            int submissionPort() {
                return server.submissionPort();
            }

            @Override
            int webAdminPort() {
                return server.webAdminPort();
            }

            @Override
            public void close() throws InterruptedException {
                server.close();
            }
        };
    }

    /**
     * {@link CassandraStoreJamesMain} in a JVM of its own; the Cassandra process's CPU counts too.
     */
    static BenchServer cassandraStore(Path workingDirectory, List<String> jvmOptions, String classpath, String cassandraHost,
                                      int cqlPort, String keyspace, long cassandraPid) throws IOException, InterruptedException {
        Files.createDirectories(workingDirectory.resolve("logs"));
        Files.deleteIfExists(workingDirectory.resolve(CassandraStoreJamesMain.PORTS_FILE));
        Path conf = workingDirectory.resolve("conf/logback.xml");
        List<String> command = ImmutableList.<String>builder()
            .add(Paths.get(System.getProperty("java.home"), "bin", "java").toString())
            .addAll(jvmOptions)
            .add("-Dworking.directory=" + workingDirectory)
            // The test classpath has a logback-test.xml: James logs with the conf's logback.xml, as the other variants.
            .add("-Dlogback.configurationFile=" + conf)
            .add("-Djames.exit.on.startup.error=true")
            .add("-D" + "clientid.conf.source" + "=" + System.getProperty("clientid.conf.source"))
            .add("-cp", classpath)
            .add(CassandraStoreJamesMain.class.getName(), workingDirectory.toString(), cassandraHost, Integer.toString(cqlPort), keyspace)
            .build();
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workingDirectory.resolve("logs/console.log").toFile());
        Stream.of("CLASSPATH", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS").forEach(builder.environment()::remove);
        Process process = builder.start();
        Thread killOnExit = new Thread(process::destroyForcibly, "cassandra-store-james-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);

        Path portsFile = workingDirectory.resolve(CassandraStoreJamesMain.PORTS_FILE);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!Files.exists(portsFile)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("James with the Cassandra store did not start; see " + workingDirectory.resolve("logs"));
            }
            Thread.sleep(200);
        }
        Properties ports = new Properties();
        ports.load(new StringReader(Files.readString(portsFile, StandardCharsets.UTF_8)));
        int submission = Integer.parseInt(ports.getProperty("submission"));
        int webAdmin = Integer.parseInt(ports.getProperty("webadmin"));
        return new BenchServer("cassandra", true) {
            @Override
            List<Long> pids() {
                return ImmutableList.of(process.pid(), cassandraPid);
            }

            @Override
            int submissionPort() {
                return submission;
            }

            @Override
            int webAdminPort() {
                return webAdmin;
            }

            @Override
            public void close() throws InterruptedException {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                }
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            }
        };
    }
}

package org.jamesclientid.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.james.GuiceJamesServer;
import org.jamesclientid.it.ClientIdJamesServers;
import org.jamesclientid.testing.cassandra.TestCqlSessions;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.base.Suppliers;

/**
 * Benchmark variant 3, run in a JVM of its own so its CPU can be read from /proc: James' memory server from the
 * shipped conf with the CLIENTID module on Cassandra, loaded from extensions.properties as on James' Cassandra
 * servers, its CqlSession bound by this main. Writes {@value #PORTS_FILE} in the working directory once started.
 *
 * <p>Arguments: working directory, Cassandra host, CQL port, keyspace (existing).</p>
 */
public final class CassandraStoreJamesMain {
    static final String PORTS_FILE = "ports.properties";

    private CassandraStoreJamesMain() {
    }

    public static void main(String[] args) throws Exception {
        Path workingDirectory = Paths.get(args[0]).toAbsolutePath();
        InetSocketAddress contactPoint = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        String keyspace = args[3];

        ClientIdJamesServers.Builder builder = ClientIdJamesServers.builder();
        for (Map.Entry<String, UnaryOperator<String>> edit : BenchConf.withClientId().entrySet()) {
            builder.editConf(edit.getKey(), edit.getValue());
        }
        GuiceJamesServer server = builder
            .cassandraStoreAsExtension(Suppliers.memoize(() -> TestCqlSessions.builder(contactPoint).withKeyspace(keyspace).build())::get)
            .server(workingDirectory.toFile());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "james-stop"));
        server.start();

        String ports = "submission=" + ClientIdJamesServers.submissionPort(server) + "\n"
            + "webadmin=" + ClientIdJamesServers.webAdminPort(server) + "\n";
        // Written then moved: the benchmark never reads a half-written file.
        Path partial = workingDirectory.resolve(PORTS_FILE + ".partial");
        Files.writeString(partial, ports, StandardCharsets.UTF_8);
        Files.move(partial, workingDirectory.resolve(PORTS_FILE), StandardCopyOption.ATOMIC_MOVE);
    }
}

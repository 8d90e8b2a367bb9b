package org.jamesclientid.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

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
    final SubmissionLoadClient.ExtraCommand extraCommand;

    BenchServer(String name, SubmissionLoadClient.ExtraCommand extraCommand) {
        this.name = name;
        this.extraCommand = extraCommand;
    }

    /**
     * The processes whose CPU time counts for this variant.
     */
    abstract List<Long> pids();

    /**
     * Processes whose CPU time counts for this variant with their children's ({@link ProcessCpu#treeCpuNanos}): a
     * database server made of processes (PostgreSQL's postmaster); after {@link #pids()} in a window's figures.
     */
    List<Long> processTrees() {
        return ImmutableList.of();
    }

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
    static BenchServer stockMain(String name, StockJamesServer server, SubmissionLoadClient.ExtraCommand extraCommand) {
        return stockMain(name, server, extraCommand, ImmutableList.of());
    }

    /**
     * As {@link #stockMain(String, StockJamesServer, SubmissionLoadClient.ExtraCommand)}, the CPU of other processes
     * it uses counting too.
     */
    static BenchServer stockMain(String name, StockJamesServer server, SubmissionLoadClient.ExtraCommand extraCommand, List<Long> otherPids) {
        return new BenchServer(name, extraCommand) {
            @Override
            List<Long> pids() {
                return ImmutableList.<Long>builder().add(server.pid()).addAll(otherPids).build();
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
     * As {@link #stockMain(String, StockJamesServer, SubmissionLoadClient.ExtraCommand)}, the CPU of a database
     * server's processes counting too (its root process and every child of it).
     */
    static BenchServer stockMainWithProcessTree(String name, StockJamesServer server, SubmissionLoadClient.ExtraCommand extraCommand,
                                                long processTreeRoot) {
        BenchServer james = stockMain(name, server, extraCommand);
        return new BenchServer(name, extraCommand) {
            @Override
            List<Long> pids() {
                return james.pids();
            }

            @Override
            List<Long> processTrees() {
                return ImmutableList.of(processTreeRoot);
            }

            @Override
            int submissionPort() {
                return james.submissionPort();
            }

            @Override
            int webAdminPort() {
                return james.webAdminPort();
            }

            @Override
            public void close() throws Exception {
                james.close();
            }
        };
    }

    /**
     * The same server (its accounts, its warm-up) driven with another extra command, under another name; closing it
     * leaves the server running.
     */
    BenchServer sameServer(String name, SubmissionLoadClient.ExtraCommand extraCommand) {
        BenchServer server = this;
        return new BenchServer(name, extraCommand) {
            @Override
            List<Long> pids() {
                return server.pids();
            }

            @Override
            List<Long> processTrees() {
                return server.processTrees();
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
            public void close() {
            }
        };
    }
}

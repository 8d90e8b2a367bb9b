package org.jamesclientid.testing.cassandra;

/**
 * A minimal cassandra.yaml (Cassandra 5.0 names) for one throwaway test node on a loopback address: alone on
 * {@value #LOOPBACK}, or one of a cluster whose nodes listen on 127.0.0.1, 127.0.0.2... with the same ports.
 */
final class CassandraYaml {
    static final String LOOPBACK = "127.0.0.1";

    static String render(ForkedCassandraDirectory directory, CassandraPorts ports) {
        return render(directory, ports, CassandraNode.single());
    }

    static String render(ForkedCassandraDirectory directory, CassandraPorts ports, CassandraNode node) {
        return "# Test Cassandra (" + node + "), written by clientid-testing-cassandra at each launch.\n"
            + "cluster_name: clientid-tests\n"
            // One token: a test ring needs no more, and fewer tokens mean a faster first start.
            + "num_tokens: 1\n"
            + node.initialToken().map(token -> "initial_token: " + token + "\n").orElse("")
            // A new, empty ring: nothing to stream, so no node waits to bootstrap.
            + "auto_bootstrap: false\n"
            + "partitioner: org.apache.cassandra.dht.Murmur3Partitioner\n"
            // SimpleSnitch puts every node in datacenter1 / rack1: what the driver is told is the local DC.
            + "endpoint_snitch: SimpleSnitch\n"
            + "seed_provider:\n"
            + "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider\n"
            + "    parameters:\n"
            + "      - seeds: \"" + node.seedAddress() + ":" + ports.storagePort() + "\"\n"
            + "listen_address: " + node.address() + "\n"
            + "rpc_address: " + node.address() + "\n"
            + "storage_port: " + ports.storagePort() + "\n"
            + "native_transport_port: " + ports.nativePort() + "\n"
            + "start_native_transport: true\n"
            + "authenticator: AllowAllAuthenticator\n"
            + "authorizer: AllowAllAuthorizer\n"
            + "network_authorizer: AllowAllNetworkAuthorizer\n"
            + "data_file_directories:\n"
            + "  - " + directory.storage("data") + "\n"
            + "commitlog_directory: " + directory.storage("commitlog") + "\n"
            + "saved_caches_directory: " + directory.storage("saved_caches") + "\n"
            + "hints_directory: " + directory.storage("hints") + "\n"
            + "cdc_raw_directory: " + directory.storage("cdc_raw") + "\n"
            + "commitlog_sync: periodic\n"
            + "commitlog_sync_period: 10000ms\n"
            // Small segments and memtables: a 512 MB heap, and little disk under target/.
            + "commitlog_segment_size: 8MiB\n"
            + "memtable_heap_space: 64MiB\n"
            + "memtable_offheap_space: 64MiB\n"
            + "key_cache_size: 8MiB\n"
            + "concurrent_compactors: 1\n"
            // Tests truncate and drop all the time: no snapshot for each of them.
            + "auto_snapshot: false\n"
            + "snapshot_before_compaction: false\n"
            // No hints: a node back from an outage gets only what reads repair. The tests of a cluster check that
            // consistency levels alone keep decisions right; hints are a best effort that would hide a wrong level.
            + "hinted_handoff_enabled: false\n"
            + "disk_failure_policy: stop\n"
            + "commit_failure_policy: stop\n";
    }

    private CassandraYaml() {
    }
}

package org.jamesclientid.testing.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Objects;

/**
 * The two ports a single test node listens on, picked free at launch: fixed ports would clash with another
 * build, another Cassandra, or a second test JVM on the same machine.
 */
public final class CassandraPorts {
    public static CassandraPorts of(int storagePort, int nativePort) {
        if (storagePort == nativePort) {
            throw new IllegalArgumentException("Storage and native ports must differ: " + storagePort);
        }
        return new CassandraPorts(storagePort, nativePort);
    }

    /**
     * Both sockets stay bound until both ports are known, so the two ports differ.
     */
    public static CassandraPorts pickFree() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket storage = new ServerSocket(0, 1, loopback);
             ServerSocket nativeTransport = new ServerSocket(0, 1, loopback)) {
            return of(storage.getLocalPort(), nativeTransport.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find free ports on " + loopback, e);
        }
    }

    /**
     * Ports free on each of the addresses, for the nodes of a ring that listen on the same ports each on its own
     * address. Another process may bind them on one address meanwhile: a few draws, then give up.
     */
    public static CassandraPorts pickFree(List<String> addresses) {
        for (int attempt = 0; attempt < 10; attempt++) {
            CassandraPorts ports = pickFree();
            if (addresses.stream().allMatch(address -> isFree(address, ports.storagePort()) && isFree(address, ports.nativePort()))) {
                return ports;
            }
        }
        throw new IllegalStateException("No two ports free on all of " + addresses + " after 10 draws");
    }

    private static boolean isFree(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private final int storagePort;
    private final int nativePort;

    private CassandraPorts(int storagePort, int nativePort) {
        this.storagePort = storagePort;
        this.nativePort = nativePort;
    }

    /**
     * Internode messaging: unused by a single node, but it binds it.
     */
    public int storagePort() {
        return storagePort;
    }

    /**
     * CQL native transport: the port clients connect to.
     */
    public int nativePort() {
        return nativePort;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof CassandraPorts) {
            CassandraPorts that = (CassandraPorts) o;
            return storagePort == that.storagePort && nativePort == that.nativePort;
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(storagePort, nativePort);
    }

    @Override
    public String toString() {
        return "CassandraPorts{storage=" + storagePort + ", native=" + nativePort + "}";
    }
}

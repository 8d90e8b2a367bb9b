package org.jamesclientid.testing.cassandra;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one test node sits: alone on 127.0.0.1, or node {@code i} (from 1) of a ring of {@code n} on 127.0.0.{@code i},
 * 127.0.0.1 being the seed. Linux answers on the whole 127.0.0.0/8 without configuration, so every node has the same
 * ports on an address of its own, as on separate machines.
 */
public final class CassandraNode {
    static final int MAX_NODES = 9;

    public static CassandraNode single() {
        return new CassandraNode(1, 1);
    }

    public static CassandraNode ofRing(int index, int nodes) {
        if (nodes < 1 || nodes > MAX_NODES || index < 1 || index > nodes) {
            throw new IllegalArgumentException("Node " + index + " of " + nodes + ": between 1 and " + MAX_NODES + " nodes");
        }
        return new CassandraNode(index, nodes);
    }

    private final int index;
    private final int nodes;

    private CassandraNode(int index, int nodes) {
        this.index = index;
        this.nodes = nodes;
    }

    public int index() {
        return index;
    }

    public String address() {
        return "127.0.0." + index;
    }

    String seedAddress() {
        return CassandraYaml.LOOPBACK;
    }

    /**
     * Evenly spread Murmur3 tokens, so that each node owns as much of the ring as the others; none for a single node
     * (it owns everything whatever its token).
     */
    Optional<String> initialToken() {
        if (nodes == 1) {
            return Optional.empty();
        }
        BigInteger ringSize = BigInteger.TWO.pow(64);
        BigInteger token = BigInteger.valueOf(Long.MIN_VALUE)
            .add(ringSize.divide(BigInteger.valueOf(nodes)).multiply(BigInteger.valueOf(index - 1)));
        return Optional.of(token.toString());
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof CassandraNode) {
            CassandraNode that = (CassandraNode) o;
            return index == that.index && nodes == that.nodes;
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(index, nodes);
    }

    @Override
    public String toString() {
        return nodes == 1 ? "one node on " + address() : "node " + index + " of " + nodes + " on " + address();
    }
}

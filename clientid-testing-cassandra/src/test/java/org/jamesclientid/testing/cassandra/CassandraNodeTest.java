package org.jamesclientid.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class CassandraNodeTest {
    @Test
    void ofRingShouldPutEachNodeOnItsOwnLoopbackAddressWithTheFirstAsSeed() {
        assertThat(CassandraNode.ofRing(1, 3).address()).isEqualTo("127.0.0.1");
        assertThat(CassandraNode.ofRing(3, 3).address()).isEqualTo("127.0.0.3");
        assertThat(CassandraNode.ofRing(3, 3).seedAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void initialTokenShouldSplitTheMurmur3RingEvenlyWhenSeveralNodes() {
        BigInteger first = new BigInteger(CassandraNode.ofRing(1, 3).initialToken().orElseThrow());
        BigInteger second = new BigInteger(CassandraNode.ofRing(2, 3).initialToken().orElseThrow());
        BigInteger third = new BigInteger(CassandraNode.ofRing(3, 3).initialToken().orElseThrow());

        assertThat(first).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE));
        assertThat(second.subtract(first)).isEqualTo(third.subtract(second));
        assertThat(BigInteger.TWO.pow(64).subtract(third.subtract(first))).isEqualTo(second.subtract(first).add(BigInteger.ONE));
        assertThat(third).isLessThanOrEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
    }

    @Test
    void initialTokenShouldBeEmptyWhenSingleNode() {
        assertThat(CassandraNode.single().initialToken()).isEmpty();
        assertThat(CassandraNode.single().address()).isEqualTo(CassandraYaml.LOOPBACK);
    }

    @Test
    void ofRingShouldRejectANodeOutsideTheRing() {
        assertThatThrownBy(() -> CassandraNode.ofRing(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CassandraNode.ofRing(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CassandraNode.ofRing(1, CassandraNode.MAX_NODES + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

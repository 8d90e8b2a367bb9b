package org.jamesclientid.cassandra;

import java.time.Duration;

/**
 * Time to live of a CLIENTID row, in the seconds CQL takes.
 */
final class CassandraTtl {
    /**
     * Cassandra refuses a TTL over 20 years.
     */
    static final int MAX_TTL_SECONDS = 630_720_000;

    /**
     * At least a second (a TTL of 0 would keep the row for ever), at most Cassandra's maximum.
     */
    static int seconds(Duration ttl) {
        return (int) Math.max(1, Math.min(MAX_TTL_SECONDS, ttl.getSeconds()));
    }

    private CassandraTtl() {
    }
}

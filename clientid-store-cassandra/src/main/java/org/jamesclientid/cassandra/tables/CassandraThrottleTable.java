package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * Throttles set by the failure limits: one partition per owner (an account, with its own key and those of its
 * devices, or an address), one row per key. Written with a TTL running past the throttle's end.
 */
public interface CassandraThrottleTable {
    String TABLE_NAME = "clientid_throttles";

    CqlIdentifier OWNER = CqlIdentifier.fromCql("owner");
    CqlIdentifier LIMIT_KEY = CqlIdentifier.fromCql("limit_key");
    CqlIdentifier SINCE = CqlIdentifier.fromCql("since");
    CqlIdentifier UNTIL = CqlIdentifier.fromCql("until");
}

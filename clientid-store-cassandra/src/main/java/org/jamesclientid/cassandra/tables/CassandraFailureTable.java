package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * Failed sign-ins counted by the failure limits: one partition per limit key (its owner, an account or an address,
 * and the key within it), clustered by time then by a time-based UUID so that two failures at the same instant are
 * two rows. Written with a TTL: the sliding window reads a slice.
 */
public interface CassandraFailureTable {
    String TABLE_NAME = "clientid_failures";

    CqlIdentifier OWNER = CqlIdentifier.fromCql("owner");
    CqlIdentifier LIMIT_KEY = CqlIdentifier.fromCql("limit_key");
    CqlIdentifier FAILED_AT = CqlIdentifier.fromCql("failed_at");
    CqlIdentifier FAILURE_ID = CqlIdentifier.fromCql("failure_id");
}

package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * Authentication failures of a device: one partition per device, clustered by time then by a time-based UUID so
 * that two failures at the same instant are two rows. Written with a TTL: the sliding window reads a slice.
 */
public interface CassandraDeviceFailureTable {
    String TABLE_NAME = "clientid_device_failures";

    CqlIdentifier DEVICE_ID = CqlIdentifier.fromCql("device_id");
    CqlIdentifier FAILED_AT = CqlIdentifier.fromCql("failed_at");
    CqlIdentifier FAILURE_ID = CqlIdentifier.fromCql("failure_id");
}

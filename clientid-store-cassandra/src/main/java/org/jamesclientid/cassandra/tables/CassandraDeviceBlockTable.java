package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * Blocks, one row per device, kept until unblocked (an expired block is still returned, callers check it).
 */
public interface CassandraDeviceBlockTable {
    String TABLE_NAME = "clientid_device_blocks";

    CqlIdentifier DEVICE_ID = CqlIdentifier.fromCql("device_id");
    CqlIdentifier CREATED_AT = CqlIdentifier.fromCql("created_at");
    CqlIdentifier UNTIL = CqlIdentifier.fromCql("until");
    CqlIdentifier REASON = CqlIdentifier.fromCql("reason");
}

package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * Blocks: one partition per device, one row per kind ({@code administrator}, {@code automatic}), so that neither write
 * replaces the other. An automatic block is written with a TTL: it is forgotten once it has ended.
 */
public interface CassandraDeviceBlockTable {
    String TABLE_NAME = "clientid_blocks";

    CqlIdentifier DEVICE_ID = CqlIdentifier.fromCql("device_id");
    CqlIdentifier SET_BY = CqlIdentifier.fromCql("set_by");
    CqlIdentifier CREATED_AT = CqlIdentifier.fromCql("created_at");
    CqlIdentifier UNTIL = CqlIdentifier.fromCql("until");
    CqlIdentifier REASON = CqlIdentifier.fromCql("reason");
}

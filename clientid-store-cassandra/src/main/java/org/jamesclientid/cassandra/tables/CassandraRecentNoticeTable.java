package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * The last notice sent per account, device and kind: one partition each, so that the lightweight transactions of
 * different devices of an account never contend. Written with a TTL of {@code clientid.notices.interval}.
 */
public interface CassandraRecentNoticeTable {
    String TABLE_NAME = "clientid_recent_notices";

    CqlIdentifier USERNAME = CqlIdentifier.fromCql("username");
    /**
     * The device id, or the empty string for a notice about no device.
     */
    CqlIdentifier DEVICE_ID = CqlIdentifier.fromCql("device_id");
    CqlIdentifier KIND = CqlIdentifier.fromCql("kind");
    CqlIdentifier SENT_AT = CqlIdentifier.fromCql("sent_at");
}

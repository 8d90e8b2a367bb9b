package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * The accounts a device tried to authenticate as: one partition per device, one row per account holding the last
 * time. Written with a TTL, and with the use time as write timestamp so that the latest use wins without a read.
 */
public interface CassandraDeviceUseTable {
    String TABLE_NAME = "clientid_device_uses";

    CqlIdentifier DEVICE_ID = CqlIdentifier.fromCql("device_id");
    CqlIdentifier USERNAME = CqlIdentifier.fromCql("username");
    CqlIdentifier LAST_SEEN = CqlIdentifier.fromCql("last_seen");
}

package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * What sign-ins produce for a device on an account, apart from what administrators own: only sign-ins write it, by
 * a blind upsert. A pending device's is written with a TTL, so that it goes with the device.
 */
public interface CassandraDeviceActivityTable {
    String TABLE_NAME = "clientid_device_activity";

    CqlIdentifier USERNAME = CqlIdentifier.fromCql("username");
    CqlIdentifier DEVICE_ID = CqlIdentifier.fromCql("device_id");
    CqlIdentifier LAST_SEEN = CqlIdentifier.fromCql("last_seen");
    CqlIdentifier LAST_IP = CqlIdentifier.fromCql("last_ip");
    CqlIdentifier SUCCESSES = CqlIdentifier.fromCql("successes");
    CqlIdentifier FAILURES = CqlIdentifier.fromCql("failures");
}

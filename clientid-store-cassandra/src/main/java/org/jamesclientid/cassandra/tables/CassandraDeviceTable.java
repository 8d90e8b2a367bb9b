package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * The devices of an account: one partition per account, one row per device, and the account's policy override in
 * static columns (null without one). Serves the AUTH lookup by (account, device), which reads the override in the
 * same read, "has the account any device" (LIMIT 1) and the administrators' list.
 */
public interface CassandraDeviceTable {
    String TABLE_NAME = "clientid_devices";

    CqlIdentifier USERNAME = CqlIdentifier.fromCql("username");
    CqlIdentifier DEVICE_ID = CqlIdentifier.fromCql("device_id");
    CqlIdentifier TYPE = CqlIdentifier.fromCql("type");
    CqlIdentifier HINT = CqlIdentifier.fromCql("hint");
    CqlIdentifier LABEL = CqlIdentifier.fromCql("label");
    CqlIdentifier STATUS = CqlIdentifier.fromCql("status");
    CqlIdentifier FIRST_SEEN = CqlIdentifier.fromCql("first_seen");
    CqlIdentifier LAST_SEEN = CqlIdentifier.fromCql("last_seen");
    CqlIdentifier LAST_IP = CqlIdentifier.fromCql("last_ip");
    CqlIdentifier SUCCESSES = CqlIdentifier.fromCql("successes");
    CqlIdentifier FAILURES = CqlIdentifier.fromCql("failures");
    CqlIdentifier REVOKED_UNTIL = CqlIdentifier.fromCql("revoked_until");
    /** Static: the account's policy override. */
    CqlIdentifier MODE = CqlIdentifier.fromCql("mode");
    /** Static: the account's policy override. */
    CqlIdentifier REQUIRE_CLIENTID = CqlIdentifier.fromCql("require_clientid");
}

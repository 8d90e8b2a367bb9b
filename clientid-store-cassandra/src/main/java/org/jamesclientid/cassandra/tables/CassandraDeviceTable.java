package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * The devices of an account and what administrators own of them: one partition per account, one row per device.
 * A pending device's cells are written with a TTL (its lifetime); any other status rewrites them without one. The
 * static {@code first_device} column is set once the account has had a device: trust-first's first place, taken by a
 * lightweight transaction.
 */
public interface CassandraDeviceTable {
    String TABLE_NAME = "clientid_devices";

    CqlIdentifier USERNAME = CqlIdentifier.fromCql("username");
    CqlIdentifier DEVICE_ID = CqlIdentifier.fromCql("device_id");
    CqlIdentifier TYPE = CqlIdentifier.fromCql("type");
    CqlIdentifier HINT = CqlIdentifier.fromCql("hint");
    CqlIdentifier LABEL = CqlIdentifier.fromCql("label");
    CqlIdentifier STATUS = CqlIdentifier.fromCql("status");
    CqlIdentifier REVOKED_UNTIL = CqlIdentifier.fromCql("revoked_until");
    CqlIdentifier CHANGED_BY = CqlIdentifier.fromCql("changed_by");
    CqlIdentifier CHANGED_AT = CqlIdentifier.fromCql("changed_at");
    CqlIdentifier FIRST_SEEN = CqlIdentifier.fromCql("first_seen");
    /** Static: the device that took the account's first place (or any device once the account had one). */
    CqlIdentifier FIRST_DEVICE = CqlIdentifier.fromCql("first_device");
}

package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * The reverse index of {@link CassandraDeviceUseTable}: the devices an account was used from, including devices
 * that are not in its device list, so that a rename or a user data deletion finds every use of the account.
 * Same TTL and write timestamps as the uses.
 */
public interface CassandraAccountDeviceUseTable {
    String TABLE_NAME = "clientid_account_device_uses";

    CqlIdentifier USERNAME = CqlIdentifier.fromCql("username");
    CqlIdentifier DEVICE_ID = CqlIdentifier.fromCql("device_id");
}

package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * Successful sign-ins without CLIENTID: one partition per account, one row per UTC day, protocol and mechanism with
 * the count, last time and last address of that day. Written with a TTL of 31 days: at most 31 rows per protocol and
 * mechanism an account uses.
 */
public interface CassandraPasswordOnlySignInTable {
    String TABLE_NAME = "clientid_password_only_signins";

    CqlIdentifier USERNAME = CqlIdentifier.fromCql("username");
    CqlIdentifier DAY = CqlIdentifier.fromCql("day");
    CqlIdentifier PROTOCOL = CqlIdentifier.fromCql("protocol");
    CqlIdentifier MECHANISM = CqlIdentifier.fromCql("mechanism");
    CqlIdentifier SIGN_INS = CqlIdentifier.fromCql("sign_ins");
    CqlIdentifier LAST_AT = CqlIdentifier.fromCql("last_at");
    CqlIdentifier LAST_IP = CqlIdentifier.fromCql("last_ip");
}

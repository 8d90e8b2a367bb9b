package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * The reply codes of notices not used yet: one row per code, keyed by the SHA-256 of the code (never the code), with
 * the account, device and action it allows. Written with a TTL ending when the code expires.
 */
public interface CassandraReplyCodeTable {
    String TABLE_NAME = "clientid_reply_codes";

    CqlIdentifier CODE_HASH = CqlIdentifier.fromCql("code_hash");
    CqlIdentifier USERNAME = CqlIdentifier.fromCql("username");
    CqlIdentifier DEVICE_ID = CqlIdentifier.fromCql("device_id");
    CqlIdentifier ACTION = CqlIdentifier.fromCql("action");
    CqlIdentifier EXPIRES_AT = CqlIdentifier.fromCql("expires_at");
}

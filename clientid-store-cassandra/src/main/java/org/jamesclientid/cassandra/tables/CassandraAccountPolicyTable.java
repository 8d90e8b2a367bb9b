package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * Per-account policy overrides, one row per account that has one.
 */
public interface CassandraAccountPolicyTable {
    String TABLE_NAME = "clientid_policies";

    CqlIdentifier USERNAME = CqlIdentifier.fromCql("username");
    CqlIdentifier MODE = CqlIdentifier.fromCql("mode");
    CqlIdentifier REQUIRE_CLIENTID = CqlIdentifier.fromCql("require_clientid");
}

package org.jamesclientid.cassandra.tables;

import com.datastax.oss.driver.api.core.CqlIdentifier;

/**
 * The notices sent to an account on a UTC day, and whether its digest was: one partition per account and day, changed
 * by lightweight transactions only. Written with a TTL of two days.
 */
public interface CassandraDailyNoticeTable {
    String TABLE_NAME = "clientid_daily_notices";

    CqlIdentifier USERNAME = CqlIdentifier.fromCql("username");
    CqlIdentifier DAY = CqlIdentifier.fromCql("day");
    CqlIdentifier SENT = CqlIdentifier.fromCql("sent");
    CqlIdentifier DIGEST_SENT = CqlIdentifier.fromCql("digest_sent");
}

package org.jamesclientid.cassandra;

import org.apache.james.backends.cassandra.init.configuration.JamesExecutionProfiles;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;

/**
 * The consistency of the store's statements comes from James' driver configuration, never from the store, as in
 * James' own DAOs: every statement runs with the session's default profile ({@code datastax-java-driver.basic.request}
 * of James' {@code cassandra-driver.conf}: QUORUM, and SERIAL for the Paxos phase of conditional writes, in the
 * configuration James ships), conditional writes ({@code IF ...}) included; only a read that must see the outcome of
 * lightweight transactions runs with James' LWT profile. docs/cassandra.md, "Consistency", says which statement runs
 * at which level and why.
 */
public final class ClientIdExecutionProfiles {
    /**
     * James' {@code LWT} profile of {@code cassandra-driver.conf}, or without one James' default (SERIAL, for both the
     * consistency and the serial consistency), for the reads of rows written by lightweight transactions: a SERIAL
     * read completes any transaction in flight on the row first. Not for the conditional writes themselves: Cassandra
     * refuses SERIAL as their commit consistency ("SERIAL is not supported as conditional update commit
     * consistency"); they run with the default profile, whose serial consistency is their Paxos level, as James'
     * {@code CassandraUidProvider} does. Read it once per DAO: the profile does not change while the session lives.
     */
    public static DriverExecutionProfile lwt(CqlSession session) {
        return JamesExecutionProfiles.getLWTProfile(session);
    }

    private ClientIdExecutionProfiles() {
    }
}

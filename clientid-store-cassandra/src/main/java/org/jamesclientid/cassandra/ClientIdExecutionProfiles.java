package org.jamesclientid.cassandra;

import org.apache.james.backends.cassandra.init.configuration.JamesExecutionProfiles;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;

/**
 * The consistency of the store's statements comes from James' driver configuration, never from the store: regular
 * statements run with the session's default profile ({@code datastax-java-driver.basic.request} of James'
 * {@code cassandra-driver.conf}: QUORUM in the configuration James ships), and lightweight transactions with James'
 * LWT profile, as James' own DAOs run theirs. docs/cassandra.md, "Consistency", says which statement runs at which
 * level and why.
 */
public final class ClientIdExecutionProfiles {
    /**
     * James' {@code LWT} profile of {@code cassandra-driver.conf}, or without one James' default (SERIAL, for both the
     * consistency and the serial consistency): set it on every statement with an {@code IF} condition, e.g.
     * {@code statement.setExecutionProfile(ClientIdExecutionProfiles.lwt(session))}. Read it once per DAO: the profile
     * does not change while the session lives.
     */
    public static DriverExecutionProfile lwt(CqlSession session) {
        return JamesExecutionProfiles.getLWTProfile(session);
    }

    private ClientIdExecutionProfiles() {
    }
}

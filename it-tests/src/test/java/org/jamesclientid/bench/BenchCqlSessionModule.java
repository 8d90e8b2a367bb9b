package org.jamesclientid.bench;

import java.net.InetSocketAddress;

import javax.inject.Singleton;

import org.jamesclientid.cassandra.ClientIdCassandraModule;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * The benchmark's Cassandra variant runs James' own memory server, which has no Cassandra session: this module, in a
 * jar of its own in {@code extensions-jars/}, gives {@link org.jamesclientid.cassandra.ClientIdCassandraModule} the
 * one James' Cassandra servers would bind. Uses only classes of James' classpath (Guice, the DataStax driver).
 */
public class BenchCqlSessionModule extends AbstractModule {
    static final String HOST_PROPERTY = "bench.cql.host";
    static final String PORT_PROPERTY = "bench.cql.port";
    static final String KEYSPACE_PROPERTY = "bench.cql.keyspace";
    static final String LOCAL_DATACENTER = "datacenter1";

    @Provides
    @Singleton
    CqlSession cqlSession() {
        return CqlSession.builder()
            .addContactPoint(new InetSocketAddress(System.getProperty(HOST_PROPERTY), Integer.getInteger(PORT_PROPERTY)))
            .withLocalDatacenter(LOCAL_DATACENTER)
            .withKeyspace(System.getProperty(KEYSPACE_PROPERTY))
            .build();
    }
}

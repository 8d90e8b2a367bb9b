/**
 * Device history on Cassandra, the store of James' distributed server: {@link org.jamesclientid.cassandra.CassandraDeviceHistory},
 * its schema ({@link org.jamesclientid.cassandra.CassandraDeviceHistoryModule}) and its Guice module
 * ({@link org.jamesclientid.cassandra.ClientIdCassandraModule}). See docs/cassandra.md.
 */
package org.jamesclientid.cassandra;

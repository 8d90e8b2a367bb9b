/**

 * The CLIENTID stores on Cassandra, the store of James' distributed server: the device history
 * ({@link org.jamesclientid.cassandra.CassandraDeviceHistory}), the failure limits
 * ({@link org.jamesclientid.cassandra.CassandraFailureCounters}, {@link org.jamesclientid.cassandra.CassandraThrottles}) and
 * the sign-ins without CLIENTID ({@link org.jamesclientid.cassandra.CassandraPasswordOnlySignIns}); their schema
 * ({@link org.jamesclientid.cassandra.CassandraDeviceHistoryTables#MODULE}) and their Guice module
 * ({@link org.jamesclientid.cassandra.ClientIdCassandraModule}). See docs/cassandra.md.
 */
package org.jamesclientid.cassandra;

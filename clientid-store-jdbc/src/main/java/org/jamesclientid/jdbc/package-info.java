/**
 * The CLIENTID stores on a relational database through plain JDBC, for single-node James servers: by default the
 * database of James' JPA server (its {@code james-database.properties}: embedded Derby, or PostgreSQL). The failure
 * limits ({@link org.jamesclientid.jdbc.JdbcFailureCounters}, {@link org.jamesclientid.jdbc.JdbcThrottles}), the
 * sign-ins without CLIENTID ({@link org.jamesclientid.jdbc.JdbcPasswordOnlySignIns}), the notice limits
 * ({@link org.jamesclientid.jdbc.JdbcNoticeLimits}), the reply codes of notices
 * ({@link org.jamesclientid.jdbc.JdbcReplyCodes}); their schema ({@link org.jamesclientid.jdbc.JdbcTables}), the
 * sweep of expired rows ({@link org.jamesclientid.jdbc.JdbcExpirySweep}) and the Guice module
 * ({@link org.jamesclientid.jdbc.ClientIdJdbcModule}). See docs/jdbc.md.
 *
 * <p>Imports the store interfaces and value types of clientid-hook only; nothing in clientid-hook imports this
 * package. Every difference between databases is in {@link org.jamesclientid.jdbc.SqlDialect}.</p>
 */
package org.jamesclientid.jdbc;

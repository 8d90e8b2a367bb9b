/**
 * Device history on Cassandra, the store of James' distributed server. Implemented by the Cassandra issue.
 */
package org.jamesclientid.cassandra;

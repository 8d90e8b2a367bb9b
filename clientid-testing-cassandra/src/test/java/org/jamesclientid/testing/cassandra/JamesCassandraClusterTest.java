package org.jamesclientid.testing.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.literal;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.backends.cassandra.CassandraCluster;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.util.Host;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.type.DataTypes;

/**
 * James' {@code CassandraClusterExtension} starts Docker itself, but the {@link CassandraCluster} underneath takes any
 * host: James' DAO tests can run against the shared test Cassandra that way.
 */
class JamesCassandraClusterTest {
    private static final String TABLE = "devices";
    private static final CassandraModule MODULE = CassandraModule.table(TABLE)
        .comment("Devices of a user, for this test only")
        .statement(statement -> types -> statement
            .withPartitionKey("username", DataTypes.TEXT)
            .withClusteringColumn("device", DataTypes.TEXT))
        .build();

    @Test
    void cassandraClusterShouldCreateModuleTablesWhenPointedAtTheSharedTestCassandra() {
        TestCassandra cassandra = TestCassandra.shared();

        try (CassandraCluster cluster = CassandraCluster.create(MODULE, Host.from(cassandra.host(), cassandra.cqlPort()))) {
            CqlSession session = cluster.getConf();
            session.execute(insertInto(TABLE).value("username", literal("alice")).value("device", literal("laptop")).build());

            assertThat(session.execute(selectFrom(TABLE).all().build()).all()).hasSize(1);
        }
    }
}

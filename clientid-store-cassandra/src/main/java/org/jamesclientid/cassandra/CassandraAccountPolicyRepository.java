package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraAccountPolicyTable.MODE;
import static org.jamesclientid.cassandra.tables.CassandraAccountPolicyTable.REQUIRE_CLIENTID;
import static org.jamesclientid.cassandra.tables.CassandraAccountPolicyTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraAccountPolicyTable.USERNAME;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.AccountPolicyRepository;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import reactor.core.publisher.Mono;

/**
 * {@link AccountPolicyRepository} on Cassandra ({@link org.jamesclientid.cassandra.tables.CassandraAccountPolicyTable}).
 */
public class CassandraAccountPolicyRepository implements AccountPolicyRepository {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement delete;

    @Inject
    public CassandraAccountPolicyRepository(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(USERNAME, bindMarker(USERNAME))
            .value(MODE, bindMarker(MODE))
            .value(REQUIRE_CLIENTID, bindMarker(REQUIRE_CLIENTID))
            .build());
        this.select = session.prepare(selectFrom(TABLE_NAME).columns(MODE, REQUIRE_CLIENTID)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
        this.delete = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
    }

    @Override
    public Mono<AccountPolicy> policy(Username username) {
        return executor.executeSingleRow(select.bind().setString(USERNAME, username.asString()))
            .filter(row -> !row.isNull(MODE))
            .map(row -> AccountPolicy.of(ClientIdMode.parse(row.getString(MODE)),
                row.isNull(REQUIRE_CLIENTID) ? Optional.empty() : Optional.of(row.getBoolean(REQUIRE_CLIENTID))));
    }

    @Override
    public Mono<Void> setPolicy(Username username, AccountPolicy policy) {
        return executor.executeVoid(insert.bind()
            .setString(USERNAME, username.asString())
            .setString(MODE, policy.getMode().asString())
            // null: the account follows the global value of each protocol (also erases an earlier one)
            .set(REQUIRE_CLIENTID, policy.getRequireClientId().orElse(null), Boolean.class));
    }

    @Override
    public Mono<Void> clearPolicy(Username username) {
        return executor.executeVoid(delete.bind().setString(USERNAME, username.asString()));
    }
}

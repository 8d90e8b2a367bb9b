package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.jamesclientid.cassandra.tables.CassandraAccountPolicyTable.MODE;
import static org.jamesclientid.cassandra.tables.CassandraAccountPolicyTable.REQUIRE_CLIENTID;
import static org.jamesclientid.cassandra.tables.CassandraAccountPolicyTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraAccountPolicyTable.USERNAME;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Username;
import org.jamesclientid.policy.AccountPolicy;
import org.jamesclientid.policy.ClientIdMode;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import reactor.core.publisher.Mono;

public class CassandraAccountPolicyDAO {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement delete;

    @Inject
    public CassandraAccountPolicyDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(TABLE_NAME)
            .value(USERNAME, bindMarker(USERNAME))
            .value(MODE, bindMarker(MODE))
            .value(REQUIRE_CLIENTID, bindMarker(REQUIRE_CLIENTID))
            .build());
        this.select = session.prepare(selectFrom(TABLE_NAME).all()
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
        this.delete = session.prepare(deleteFrom(TABLE_NAME)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
    }

    public Mono<Void> save(Username username, AccountPolicy policy) {
        return executor.executeVoid(insert.bind()
            .setString(USERNAME, username.asString())
            .setString(MODE, policy.getMode().asString())
            .setBoolean(REQUIRE_CLIENTID, policy.isRequireClientId()));
    }

    public Mono<AccountPolicy> read(Username username) {
        return executor.executeSingleRow(select.bind().setString(USERNAME, username.asString()))
            .map(row -> AccountPolicy.of(ClientIdMode.parse(row.getString(MODE)), row.getBoolean(REQUIRE_CLIENTID)));
    }

    public Mono<Void> delete(Username username) {
        return executor.executeVoid(delete.bind().setString(USERNAME, username.asString()));
    }
}

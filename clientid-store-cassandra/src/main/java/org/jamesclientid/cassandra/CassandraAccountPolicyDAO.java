package org.jamesclientid.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.MODE;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.REQUIRE_CLIENTID;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.TABLE_NAME;
import static org.jamesclientid.cassandra.tables.CassandraDeviceTable.USERNAME;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import reactor.core.publisher.Mono;

/**
 * Per-account policy overrides, kept in the static columns of the account's device partition
 * ({@link org.jamesclientid.cassandra.tables.CassandraDeviceTable}), so that AUTH reads the override with the device.
 */
public class CassandraAccountPolicyDAO {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement update;
    private final PreparedStatement select;
    private final PreparedStatement delete;

    @Inject
    public CassandraAccountPolicyDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.update = session.prepare(update(TABLE_NAME)
            .setColumn(MODE, bindMarker(MODE))
            .setColumn(REQUIRE_CLIENTID, bindMarker(REQUIRE_CLIENTID))
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
        // Static columns repeat on every row of the partition: the first one is enough.
        this.select = session.prepare(selectFrom(TABLE_NAME).columns(MODE, REQUIRE_CLIENTID)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .limit(1)
            .build());
        this.delete = session.prepare(deleteFrom(TABLE_NAME)
            .column(MODE)
            .column(REQUIRE_CLIENTID)
            .whereColumn(USERNAME).isEqualTo(bindMarker(USERNAME))
            .build());
    }

    public Mono<Void> save(Username username, AccountPolicy policy) {
        return executor.executeVoid(update.bind()
            .setString(USERNAME, username.asString())
            .setString(MODE, policy.getMode().asString())
            // null: the account follows the global value of each protocol (also erases an earlier one)
            .set(REQUIRE_CLIENTID, policy.getRequireClientId().orElse(null), Boolean.class));
    }

    public Mono<AccountPolicy> read(Username username) {
        return executor.executeSingleRow(select.bind().setString(USERNAME, username.asString()))
            .flatMap(row -> Mono.justOrEmpty(policyOf(row)));
    }

    /**
     * Deletes the override only: the devices of the partition stay.
     */
    public Mono<Void> delete(Username username) {
        return executor.executeVoid(delete.bind().setString(USERNAME, username.asString()));
    }

    /**
     * The override held by the static columns of a row of the account's partition; empty when none is set.
     */
    static Optional<AccountPolicy> policyOf(Row row) {
        if (row.isNull(MODE)) {
            return Optional.empty();
        }
        return Optional.of(AccountPolicy.of(ClientIdMode.parse(row.getString(MODE)),
            row.isNull(REQUIRE_CLIENTID) ? Optional.empty() : Optional.of(row.getBoolean(REQUIRE_CLIENTID))));
    }
}

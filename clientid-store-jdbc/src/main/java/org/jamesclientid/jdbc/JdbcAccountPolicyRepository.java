package org.jamesclientid.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.AccountPolicyRepository;

import reactor.core.publisher.Mono;

/**
 * {@link AccountPolicyRepository} in a relational database: one row per account an administrator gave an override,
 * written whole (the override is one administrator's decision), deleted when cleared.
 */
public class JdbcAccountPolicyRepository implements AccountPolicyRepository {
    private static final String TABLE = JdbcTables.ACCOUNT_POLICIES;
    private static final String FIND = "SELECT mode, require_clientid FROM " + TABLE + " WHERE username = ?";
    private static final String UPDATE = "UPDATE " + TABLE + " SET mode = ?, require_clientid = ? WHERE username = ?";
    private static final String INSERT = "INSERT INTO " + TABLE + " (mode, require_clientid, username) VALUES (?, ?, ?)";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE username = ?";

    private final JdbcExecutor executor;

    public JdbcAccountPolicyRepository(JdbcExecutor executor) {
        this.executor = executor;
    }

    @Override
    public Mono<AccountPolicy> policy(Username username) {
        return executor.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FIND)) {
                statement.setString(1, username.asString());
                try (ResultSet resultSet = statement.executeQuery()) {
                    if (!resultSet.next()) {
                        return null;
                    }
                    ClientIdMode mode = ClientIdMode.parse(resultSet.getString("mode"));
                    short requireClientId = resultSet.getShort("require_clientid");
                    return AccountPolicy.of(mode, resultSet.wasNull() ? Optional.empty() : Optional.of(requireClientId == 1));
                }
            }
        });
    }

    @Override
    public Mono<Void> setPolicy(Username username, AccountPolicy policy) {
        JdbcExecutor.Binder binder = statement -> {
            statement.setString(1, policy.getMode().asString());
            if (policy.getRequireClientId().isPresent()) {
                statement.setShort(2, (short) (policy.getRequireClientId().get() ? 1 : 0));
            } else {
                statement.setNull(2, Types.SMALLINT);
            }
            statement.setString(3, username.asString());
        };
        return executor.execute(connection -> {
            JdbcExecutor.upsert(connection, UPDATE, binder, INSERT, binder);
            return true;
        }).then();
    }

    @Override
    public Mono<Void> clearPolicy(Username username) {
        return executor.update(DELETE, statement -> statement.setString(1, username.asString()));
    }
}

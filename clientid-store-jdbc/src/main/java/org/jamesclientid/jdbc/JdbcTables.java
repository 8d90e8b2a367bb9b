package org.jamesclientid.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import com.google.common.collect.ImmutableList;

/**
 * The tables of the JDBC stores, created at start when missing; docs/jdbc.md has the same SQL for hand-made schemas.
 * Instants are epoch milliseconds in {@code BIGINT} columns: the same on both databases and free of session time
 * zones. Every table has {@code expires_at}, set by the store's clock at each write as Cassandra's TTLs are: queries
 * ignore expired rows and {@link JdbcExpirySweep} deletes them.
 */
public final class JdbcTables {
    public static final String FAILURES = "clientid_failures";
    public static final String THROTTLES = "clientid_throttles";
    public static final String PASSWORD_ONLY_SIGNINS = "clientid_password_only_signins";
    public static final String NOTICES_SENT = "clientid_notices_sent";
    public static final String NOTICES_PER_DAY = "clientid_notices_per_day";
    public static final String DEVICES = "clientid_devices";
    public static final String FIRST_DEVICES = "clientid_first_devices";
    public static final String DEVICE_ACTIVITY = "clientid_device_activity";
    public static final String DEVICE_USES = "clientid_device_uses";
    public static final String DEVICE_BLOCKS = "clientid_device_blocks";
    public static final String ACCOUNT_POLICIES = "clientid_account_policies";
    public static final String REPLY_CODES = "clientid_reply_codes";
    public static final String EXPIRES_AT = "expires_at";

    /** Every table with rows that expire, for the sweep. */
    public static final List<String> EXPIRING = ImmutableList.of(DEVICES, DEVICE_ACTIVITY, DEVICE_USES, DEVICE_BLOCKS, FAILURES, THROTTLES,
        PASSWORD_ONLY_SIGNINS, NOTICES_SENT, NOTICES_PER_DAY, REPLY_CODES);

    /** Every table. */
    public static final List<String> ALL = ImmutableList.<String>builder().addAll(EXPIRING).add(FIRST_DEVICES, ACCOUNT_POLICIES).build();

    static List<String> statements(SqlDialect dialect) {
        return ImmutableList.of(
            dialect.createTable(DEVICES + " ("
                + "username VARCHAR(320) NOT NULL, "
                + "device_id VARCHAR(64) NOT NULL, "
                + "type VARCHAR(16) NOT NULL, "
                + "hint VARCHAR(255) NOT NULL, "
                + "label VARCHAR(1024), "
                + "status VARCHAR(16) NOT NULL, "
                + "revoked_until BIGINT, "
                + "status_by VARCHAR(16) NOT NULL, "
                + "status_at BIGINT NOT NULL, "
                + "first_seen BIGINT NOT NULL, "
                + "expires_at BIGINT, "
                + "PRIMARY KEY (username, device_id))"),
            dialect.createIndex(DEVICES + "_by_expiry ON " + DEVICES + " (expires_at)"),

            dialect.createTable(FIRST_DEVICES + " ("
                + "username VARCHAR(320) NOT NULL, "
                + "device_id VARCHAR(64) NOT NULL, "
                + "PRIMARY KEY (username))"),

            dialect.createTable(DEVICE_ACTIVITY + " ("
                + "username VARCHAR(320) NOT NULL, "
                + "device_id VARCHAR(64) NOT NULL, "
                + "last_seen BIGINT NOT NULL, "
                + "last_ip VARCHAR(64), "
                + "successes BIGINT NOT NULL, "
                + "failures BIGINT NOT NULL, "
                + "expires_at BIGINT, "
                + "PRIMARY KEY (username, device_id))"),
            dialect.createIndex(DEVICE_ACTIVITY + "_by_expiry ON " + DEVICE_ACTIVITY + " (expires_at)"),

            dialect.createTable(DEVICE_USES + " ("
                + "device_id VARCHAR(64) NOT NULL, "
                + "username VARCHAR(320) NOT NULL, "
                + "last_seen BIGINT NOT NULL, "
                + "expires_at BIGINT NOT NULL, "
                + "PRIMARY KEY (device_id, username))"),
            dialect.createIndex(DEVICE_USES + "_by_account ON " + DEVICE_USES + " (username)"),
            dialect.createIndex(DEVICE_USES + "_by_expiry ON " + DEVICE_USES + " (expires_at)"),

            dialect.createTable(DEVICE_BLOCKS + " ("
                + "device_id VARCHAR(64) NOT NULL, "
                + "kind VARCHAR(16) NOT NULL, "
                + "set_by VARCHAR(16) NOT NULL, "
                + "created_at BIGINT NOT NULL, "
                + "until BIGINT, "
                + "reason VARCHAR(1024), "
                + "expires_at BIGINT, "
                + "PRIMARY KEY (device_id, kind))"),
            dialect.createIndex(DEVICE_BLOCKS + "_by_expiry ON " + DEVICE_BLOCKS + " (expires_at)"),

            dialect.createTable(ACCOUNT_POLICIES + " ("
                + "username VARCHAR(320) NOT NULL, "
                + "mode VARCHAR(16) NOT NULL, "
                + "require_clientid SMALLINT, "
                + "PRIMARY KEY (username))"),

            dialect.createTable(FAILURES + " ("
                + "id BIGINT GENERATED ALWAYS AS IDENTITY, "
                + "owner VARCHAR(320) NOT NULL, "
                + "limit_key VARCHAR(64) NOT NULL, "
                + "failed_at BIGINT NOT NULL, "
                + "expires_at BIGINT NOT NULL, "
                + "PRIMARY KEY (id))"),
            dialect.createIndex(FAILURES + "_by_key ON " + FAILURES + " (owner, limit_key, failed_at)"),
            dialect.createIndex(FAILURES + "_by_expiry ON " + FAILURES + " (expires_at)"),

            dialect.createTable(THROTTLES + " ("
                + "owner VARCHAR(320) NOT NULL, "
                + "limit_key VARCHAR(64) NOT NULL, "
                + "since BIGINT NOT NULL, "
                + "until BIGINT NOT NULL, "
                + "expires_at BIGINT NOT NULL, "
                + "PRIMARY KEY (owner, limit_key))"),
            dialect.createIndex(THROTTLES + "_by_expiry ON " + THROTTLES + " (expires_at)"),

            dialect.createTable(PASSWORD_ONLY_SIGNINS + " ("
                + "username VARCHAR(320) NOT NULL, "
                + "utc_day INTEGER NOT NULL, "
                + "protocol VARCHAR(16) NOT NULL, "
                + "mechanism VARCHAR(64) NOT NULL, "
                + "sign_ins BIGINT NOT NULL, "
                + "last_at BIGINT NOT NULL, "
                + "last_ip VARCHAR(64), "
                + "expires_at BIGINT NOT NULL, "
                + "PRIMARY KEY (username, utc_day, protocol, mechanism))"),
            dialect.createIndex(PASSWORD_ONLY_SIGNINS + "_by_expiry ON " + PASSWORD_ONLY_SIGNINS + " (expires_at)"),

            dialect.createTable(NOTICES_SENT + " ("
                + "owner VARCHAR(320) NOT NULL, "
                + "device_id VARCHAR(64) NOT NULL, "
                + "kind VARCHAR(32) NOT NULL, "
                + "sent_at BIGINT NOT NULL, "
                + "expires_at BIGINT NOT NULL, "
                + "PRIMARY KEY (owner, device_id, kind))"),
            dialect.createIndex(NOTICES_SENT + "_by_expiry ON " + NOTICES_SENT + " (expires_at)"),

            dialect.createTable(NOTICES_PER_DAY + " ("
                + "owner VARCHAR(320) NOT NULL, "
                + "utc_day INTEGER NOT NULL, "
                + "sent INTEGER NOT NULL, "
                + "digest_sent SMALLINT NOT NULL, "
                + "expires_at BIGINT NOT NULL, "
                + "PRIMARY KEY (owner, utc_day))"),
            dialect.createIndex(NOTICES_PER_DAY + "_by_expiry ON " + NOTICES_PER_DAY + " (expires_at)"),

            // The SHA-256 of the code in hexadecimal, never the code (ReplyCode#hash).
            dialect.createTable(REPLY_CODES + " ("
                + "code_hash VARCHAR(64) NOT NULL, "
                + "username VARCHAR(320) NOT NULL, "
                + "device_id VARCHAR(64) NOT NULL, "
                + "action VARCHAR(16) NOT NULL, "
                + "valid_until BIGINT NOT NULL, "
                + "expires_at BIGINT NOT NULL, "
                + "PRIMARY KEY (code_hash))"),
            dialect.createIndex(REPLY_CODES + "_by_expiry ON " + REPLY_CODES + " (expires_at)"));
    }

    /**
     * Creates the tables and indexes that are missing; those that exist (made by hand, or by another James on the same
     * database) are left as they are.
     */
    public static void createMissing(JdbcConnections connections) throws SQLException {
        SqlDialect dialect = connections.dialect();
        connections.withConnection(connection -> {
            for (String sql : statements(dialect)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                } catch (SQLException e) {
                    if (!dialect.isAlreadyExists(e)) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    private JdbcTables() {
    }
}

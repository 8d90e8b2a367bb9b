package org.jamesclientid.jdbc;

import java.sql.SQLException;
import java.util.Locale;

import com.google.common.base.Preconditions;

/**
 * What differs between the databases the JDBC stores run on, and nothing else: every other statement is the SQL both
 * take. Derby (10.14, James' JPA server default) has no {@code IF NOT EXISTS}; it says "already exists" with its own
 * SQL state.
 */
public enum SqlDialect {
    DERBY("X0Y32"),
    POSTGRESQL("42P07");

    /** The SQL state of a unique or primary key violation, the same on both (the standard's class 23). */
    static final String UNIQUE_VIOLATION = "23505";

    /**
     * @throws IllegalArgumentException for a database the stores were not tested on
     */
    public static SqlDialect forUrl(String url) {
        Preconditions.checkNotNull(url, "'url' is mandatory");
        String lowerCase = url.toLowerCase(Locale.US);
        if (lowerCase.startsWith("jdbc:derby:")) {
            return DERBY;
        }
        if (lowerCase.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("CLIENTID: the JDBC stores support Derby and PostgreSQL only, not " + url.split(":", 3)[1]
            + " (docs/jdbc.md)");
    }

    private final String alreadyExistsState;

    SqlDialect(String alreadyExistsState) {
        this.alreadyExistsState = alreadyExistsState;
    }

    /**
     * @param definition what follows {@code CREATE TABLE} or {@code CREATE INDEX}
     */
    String createTable(String definition) {
        return create("TABLE", definition);
    }

    String createIndex(String definition) {
        return create("INDEX", definition);
    }

    private String create(String kind, String definition) {
        if (this == POSTGRESQL) {
            return "CREATE " + kind + " IF NOT EXISTS " + definition;
        }
        return "CREATE " + kind + " " + definition;
    }

    /**
     * Derby's answer to a {@code CREATE} of a table or index that exists (PostgreSQL's only when another node created
     * it between its check and its creation).
     */
    boolean isAlreadyExists(SQLException e) {
        return alreadyExistsState.equals(e.getSQLState());
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }
}

package org.jamesclientid.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The SQL of docs/jdbc.md, run as it is on an empty database, gives the tables, columns, keys and indexes the module
 * creates.
 */
interface JdbcTablesDocumentationContract {
    Path DOCUMENTATION = Paths.get("..", "docs", "jdbc.md");
    Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

    JdbcDatabaseExtension database();

    static List<String> documentedStatements() throws Exception {
        Matcher matcher = SQL_BLOCK.matcher(Files.readString(DOCUMENTATION, StandardCharsets.UTF_8));
        assertThat(matcher.find()).as("an sql block in %s", DOCUMENTATION).isTrue();
        return Arrays.stream(matcher.group(1).split(";"))
            .map(String::trim)
            .filter(statement -> !statement.isEmpty())
            .collect(Collectors.toList());
    }

    static void runDocumentedSql(JdbcConnections connections) throws Exception {
        List<String> statements = documentedStatements();
        connections.withConnection(connection -> {
            for (String sql : statements) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }

    static Set<String> schema(JdbcConnections connections) throws SQLException {
        return connections.withConnection(connection -> {
            DatabaseMetaData metaData = connection.getMetaData();
            Set<String> schema = new TreeSet<>();
            for (String table : JdbcTables.ALL) {
                String name = connections.dialect() == SqlDialect.DERBY ? table.toUpperCase(Locale.US) : table;
                try (ResultSet columns = metaData.getColumns(null, null, name, null)) {
                    while (columns.next()) {
                        schema.add((table + " column " + columns.getString("COLUMN_NAME") + " " + columns.getInt("DATA_TYPE")
                            + " " + columns.getInt("COLUMN_SIZE") + " nullable=" + columns.getInt("NULLABLE")).toLowerCase(Locale.US));
                    }
                }
                try (ResultSet keys = metaData.getPrimaryKeys(null, null, name)) {
                    while (keys.next()) {
                        schema.add((table + " key " + keys.getShort("KEY_SEQ") + " " + keys.getString("COLUMN_NAME")).toLowerCase(Locale.US));
                    }
                }
                try (ResultSet indexes = metaData.getIndexInfo(null, null, name, false, false)) {
                    while (indexes.next()) {
                        String index = indexes.getString("INDEX_NAME");
                        // Names of the primary key's own index are the database's choice.
                        if (index != null && index.toLowerCase(Locale.US).startsWith("clientid_")) {
                            schema.add((table + " index " + index + " " + indexes.getShort("ORDINAL_POSITION") + " "
                                + indexes.getString("COLUMN_NAME")).toLowerCase(Locale.US));
                        }
                    }
                }
            }
            return schema;
        });
    }

    @Test
    default void documentedSqlShouldCreateTheTablesTheModuleCreates() throws Exception {
        try (JdbcConnections documented = database().emptyDatabase()) {
            runDocumentedSql(documented);

            assertThat(schema(documented))
                .isNotEmpty()
                .isEqualTo(schema(database().connections()));
        }
    }

    @Test
    default void createMissingShouldLeaveTablesMadeByHandAsTheyAre() throws Exception {
        try (JdbcConnections documented = database().emptyDatabase()) {
            runDocumentedSql(documented);
            Set<String> before = schema(documented);

            JdbcTables.createMissing(documented);
            JdbcTables.createMissing(documented);

            assertThat(schema(documented)).isEqualTo(before);
        }
    }
}

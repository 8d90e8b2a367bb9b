package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.backends.cassandra.components.CassandraTable;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;

/**
 * The CQL of docs/cassandra.md, for operators who create schemas by hand, gives the tables the module creates.
 */
class CassandraDeviceHistoryDocumentationTest {
    private static final Path DOC = Paths.get("..", "docs", "cassandra.md");
    private static final Pattern CQL_BLOCK = Pattern.compile("```cql\\n(.*?)```", Pattern.DOTALL);

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private static final String DOCS_KEYSPACE = "clientid_docs_check";

    @BeforeAll
    static void createBothSchemas() throws IOException {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
        cassandra.getSession().execute("CREATE KEYSPACE IF NOT EXISTS " + DOCS_KEYSPACE
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        for (String statement : documentedStatements()) {
            cassandra.getSession().execute(statement.replace("CREATE TABLE IF NOT EXISTS ", "CREATE TABLE IF NOT EXISTS " + DOCS_KEYSPACE + "."));
        }
        cassandra.getSession().refreshSchema();
    }

    @AfterAll
    static void dropDocsKeyspace() {
        cassandra.getSession().execute("DROP KEYSPACE IF EXISTS " + DOCS_KEYSPACE);
    }

    private static List<String> documentedStatements() throws IOException {
        Matcher matcher = CQL_BLOCK.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        assertThat(matcher.find()).as("a ```cql block in %s", DOC).isTrue();
        return Arrays.stream(matcher.group(1).split(";"))
            .map(String::trim)
            .filter(statement -> !statement.isEmpty())
            .collect(Collectors.toList());
    }

    @Test
    void documentedCqlShouldCreateEveryTableOfTheModuleAndNoOther() {
        List<String> moduleTables = CassandraDeviceHistoryTables.MODULE.moduleTables().stream()
            .map(CassandraTable::getName)
            .collect(Collectors.toList());

        assertThat(keyspace(DOCS_KEYSPACE).getTables().keySet().stream().map(CqlIdentifier::asInternal))
            .containsExactlyInAnyOrderElementsOf(moduleTables);
    }

    @Test
    void documentedCqlShouldGiveTheSameColumnsKeysAndOrdersAsTheModule() {
        for (CassandraTable table : CassandraDeviceHistoryTables.MODULE.moduleTables()) {
            TableMetadata created = keyspace(cassandra.getKeyspace()).getTable(table.getName()).orElseThrow();
            TableMetadata documented = keyspace(DOCS_KEYSPACE).getTable(table.getName()).orElseThrow();

            assertThat(shape(documented)).as(table.getName()).isEqualTo(shape(created));
        }
    }

    private static KeyspaceMetadata keyspace(String name) {
        return cassandra.getSession().getMetadata().getKeyspace(name).orElseThrow();
    }

    private static String shape(TableMetadata table) {
        Map<CqlIdentifier, ColumnMetadata> columns = table.getColumns();
        return "partition=" + table.getPartitionKey().stream().map(column -> column.getName().asInternal()).collect(Collectors.toList())
            + " clustering=" + table.getClusteringColumns().entrySet().stream()
                .map(entry -> entry.getKey().getName().asInternal() + " " + entry.getValue()).collect(Collectors.toList())
            + " columns=" + columns.values().stream()
                .map(column -> column.getName().asInternal() + " " + column.getType().asCql(false, true) + (column.isStatic() ? " static" : ""))
                .sorted().collect(Collectors.toList())
            + " comment=" + table.getOptions().get(CqlIdentifier.fromCql("comment"));
    }
}
